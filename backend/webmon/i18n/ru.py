"""Russian (Webmon's first users write Russian). Plural templates cover `one` (1, 21, 101),
`few` (2-4, 22-24), `many` (5-20, 25-30, 11-14) and `other` (fractions)."""

from __future__ import annotations

from webmon.i18n.keys import Messages

RU = Messages(
    time_pattern="d MMMM y, HH:mm 'UTC'",
    # alerts
    down_title="{name} не работает",
    recovered_title="{name} снова работает",
    reminder_title="{name} всё ещё не работает",
    url_label="Адрес",
    what_failed_label="Что не так",
    last_error_label="Последняя ошибка",
    status_code_label="Код ответа",
    down_since_label="Не работает с",
    was_down_for_label="Не работал",
    outage_label="Сбой",
    recovered_at_label="Снова работает с",
    down_for_label="Не работает уже",
    down_for_value="{duration} (с {since})",
    open_site="Открыть в Webmon",
    # the test message
    test_title="Тестовое сообщение от Webmon",
    test_body="Сюда будут приходить оповещения о сайтах, привязанных к этому чату.",
    test_sent_at="Отправлено {time}.",
    open_webmon="Открыть Webmon",
    # the bot
    command_start="Привязать этот чат к Webmon (откройте ссылку из панели)",
    command_status="Сайты, которые шлют оповещения в этот чат",
    command_help="Как пользоваться ботом",
    start_title="Оповещения Webmon",
    chat_id_private="Id вашего чата: {chat}",
    chat_id_group="Id этой группы: {chat}",
    chat_id_channel="Id этого канала: {chat}",
    chat_id_other="Id этого чата: {chat}",
    start_how_to=(
        "Чтобы получать оповещения сюда, откройте сайт в {link}, нажмите <b>Привязать чат</b> рядом с полем "
        "Telegram и откройте ссылку, которую она даст: она вернёт вас сюда и привяжет этот чат."
    ),
    start_channel_hint="Для канала опубликуйте в нём строку <code>/start …</code>, которую показывает панель.",
    start_status_hint="/status покажет сайты, которые шлют оповещения в этот чат.",
    link_linked=(
        "✅ <b>Этот чат привязан к Webmon.</b>\n\nВыберите его в поле Telegram у сайта в {link}, "
        "чтобы оповещения этого сайта приходили сюда."
    ),
    link_already_linked="✅ Этот чат уже был привязан к Webmon. Выберите его в поле Telegram у сайта в {link}.",
    link_expired=(
        "⌛ Срок этой ссылки истёк (ссылки работают 15 минут). Нажмите <b>Привязать чат</b> в {link} ещё раз, "
        "чтобы получить новую. Ничего не привязано."
    ),
    link_used=(
        "Эта ссылка уже использована для другого чата; каждая ссылка работает один раз. Нажмите "
        "<b>Привязать чат</b> в {link} ещё раз, чтобы получить новую. Ничего не привязано."
    ),
    link_unknown=(
        "Я не знаю эту ссылку. Нажмите <b>Привязать чат</b> в {link}, чтобы получить новую, и откройте её "
        "без изменений. Ничего не привязано."
    ),
    link_failed="Не получилось привязать этот чат. Попробуйте ту же ссылку ещё раз через минуту.",
    help_title="Бот Webmon",
    help_start="/start привяжет этот чат: откройте ссылку из <b>Привязать чат</b> в {link}",
    help_status="/status покажет сайты, которые шлют оповещения в этот чат, и как они работают",
    help_help="/help покажет это сообщение",
    help_alerts="Оповещения приходят сюда, когда сайт перестаёт работать, пока он не работает и когда он снова работает.",
    status_none=(
        "В этот чат пока не шлёт оповещения ни один сайт.\n\n"
        "Привяжите его кнопкой <b>Привязать чат</b> в {link}, затем выберите его в поле Telegram у сайта."
    ),
    status_header={
        "one": "<b>{count} сайт шлёт оповещения в этот чат</b>, не работает: {down}",
        "few": "<b>{count} сайта шлют оповещения в этот чат</b>, не работает: {down}",
        "many": "<b>{count} сайтов шлют оповещения в этот чат</b>, не работает: {down}",
        "other": "<b>{count} сайта шлют оповещения в этот чат</b>, не работает: {down}",
    },
    status_more="…и ещё {count} в {link}",
    status_checked="проверен {time}",
    status_not_checked="ещё не проверялся",
    status_unavailable="Не получилось загрузить сайты. Попробуйте ещё раз через минуту.",
    statuses={"up": "работает", "down": "не работает", "pending": "ждёт проверки", "paused": "на паузе"},
)
