"""English: what every message says today, and the fallback for an account without a locale."""

from __future__ import annotations

from webmon.i18n.keys import Messages

EN = Messages(
    time_pattern="yyyy-MM-dd HH:mm 'UTC'",
    # alerts
    down_title="{name} is DOWN",
    recovered_title="{name} is UP again",
    reminder_title="{name} is still DOWN",
    url_label="URL",
    what_failed_label="What failed",
    last_error_label="Last error",
    status_code_label="Status code",
    down_since_label="Down since",
    was_down_for_label="Was down for",
    outage_label="Down",
    recovered_at_label="Recovered at",
    down_for_label="Down for",
    down_for_value="{duration} (since {since})",
    open_site="Open in Webmon",
    # the test message
    test_title="Test message from Webmon",
    test_body="Alerts for websites linked to this chat will arrive here.",
    test_sent_at="Sent at {time}.",
    open_webmon="Open Webmon",
    # the bot
    command_start="Link this chat to Webmon (open the link from the dashboard)",
    command_status="Websites that alert this chat",
    command_help="How to use this bot",
    start_title="Webmon alerts",
    chat_id_private="Your chat id is {chat}",
    chat_id_group="This group's chat id is {chat}",
    chat_id_channel="This channel's chat id is {chat}",
    chat_id_other="This chat's id is {chat}",
    start_how_to=(
        "To get alerts here, open a website in {link}, press <b>Link a chat</b> beside its Telegram field and "
        "open the link it gives: it brings you back here and links this chat."
    ),
    start_channel_hint="For a channel, post the <code>/start …</code> line the dashboard shows in the channel.",
    start_status_hint="/status lists the websites that alert this chat.",
    link_linked=(
        "✅ <b>This chat is linked to Webmon.</b>\n\nChoose it in a website's Telegram field in {link} "
        "to get that website's alerts here."
    ),
    link_already_linked="✅ This chat was already linked to Webmon. Choose it in a website's Telegram field in {link}.",
    link_expired=(
        "⌛ This link has expired (links work for 15 minutes). Press <b>Link a chat</b> in {link} again "
        "for a new one. Nothing was linked."
    ),
    link_used=(
        "This link was already used for another chat; each link works once. Press <b>Link a chat</b> in "
        "{link} again for a new one. Nothing was linked."
    ),
    link_unknown=(
        "I do not know this link. Press <b>Link a chat</b> in {link} for a new one and open it as it is. "
        "Nothing was linked."
    ),
    link_failed="Sorry, I could not link this chat right now. Try the same link again in a minute.",
    help_title="Webmon bot",
    help_start="/start links this chat: open the link from <b>Link a chat</b> in {link}",
    help_status="/status lists the websites that alert this chat and how they are",
    help_help="/help shows this message",
    help_alerts="Alerts arrive here when a website goes down, while it stays down, and when it recovers.",
    status_none=(
        "No websites alert this chat yet.\n\n"
        "Link it with <b>Link a chat</b> in {link}, then choose it in a website's Telegram field."
    ),
    status_header={
        "one": "<b>Websites that alert this chat</b>: {count}, {down} down",
        "other": "<b>Websites that alert this chat</b>: {count}, {down} down",
    },
    status_more="…and {count} more in {link}",
    status_checked="checked {time}",
    status_not_checked="not checked yet",
    status_unavailable="Sorry, I could not load the websites right now. Try again in a minute.",
    statuses={"up": "up", "down": "down", "pending": "pending", "paused": "paused"},
)
