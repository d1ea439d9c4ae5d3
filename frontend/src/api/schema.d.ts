// Generated from the backend's OpenAPI document by scripts/gen-api.mjs (openapi-typescript).
// Do not edit: run `npm run gen:api` after changing the API. src/api/types.ts names what the
// dashboard uses.

export interface paths {
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register
         * @description Who may register follows `WEBMON_REGISTRATION` (or the administrator's Settings): `open`,
         *     `invite` (with `invitation`) or `closed`; the account that becomes the administrator always may.
         */
        post: operations["register_api_v1_auth_register_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Login */
        post: operations["login_api_v1_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with the OAuth2 password form (username = email) */
        post: operations["token_api_v1_auth_token_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in the dashboard: sets an HttpOnly session cookie instead of returning the token */
        post: operations["open_session_api_v1_auth_session_post"];
        /** Log out the dashboard (as POST /logout) */
        delete: operations["logout_api_v1_auth_session_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out: the session (the dashboard's cookie, or this bearer token) is revoked for good */
        post: operations["logout_api_v1_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Me */
        get: operations["me_api_v1_auth_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the account's settings (its language) */
        patch: operations["update_me_api_v1_auth_me_patch"];
        trace?: never;
    };
    "/api/v1/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change Password */
        post: operations["change_password_api_v1_auth_change_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of my sites are up, down, pending, paused */
        get: operations["summary_api_v1_websites_summary_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/sparklines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last 24 hours of several sites, hour by hour (for the dashboard's list) */
        get: operations["sparklines_api_v1_websites_sparklines_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/heartbeats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest checks of several sites, oldest first (the dashboard's heartbeat bars)
         * @description For a page of sites: `{"<id>": [{t, status, code, ms, kind, error}, ...]}`, each site's last `limit` checks, oldest first, read in one query. A site never checked has an empty list; ids that are not the caller's are left out, exactly like ids that do not exist.
         */
        get: operations["list_heartbeats_api_v1_websites_heartbeats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/{website_id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Uptime and response times over a window */
        get: operations["stats_api_v1_websites__website_id__stats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/{website_id}/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Response times and uptime for a chart
         * @description Evenly spaced buckets covering `window`, oldest first; a bucket with no checks has `avg_response_time: null` and `up`/`down` 0. Ranges and their buckets: `1h` by the minute and `24h` by 10 minutes, both from raw checks; `7d` by the hour and `30d` by 6 hours from the hourly rollups; `90d` and `1y` by the day from the daily rollups (today from its hours). A bucket's uptime is `up / (up + down)` of its checks.
         */
        get: operations["series_api_v1_websites__website_id__series_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's tags, each with how many sites have it */
        get: operations["list_tags_api_v1_websites_tags_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One action on many websites, all or nothing
         * @description `pause`, `resume`, `delete`, `check` (check now) or `add_tag` / `remove_tag` (with `tag`) on
         *     up to 1,000 of your websites, in one transaction. An id that is missing or another user's is a
         *     404 and nothing changes. `check` counts in the check-now limits (once per minimum interval per
         *     site, `WEBMON_CHECK_NOW_PER_MINUTE` per account): it queues the sites within them and lists
         *     the others in `skipped` (`checked_recently`, `account_limit`, `paused`) rather than refusing
         *     the request.
         */
        post: operations["bulk_action_api_v1_websites_bulk_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Websites */
        get: operations["list_websites_api_v1_websites_get"];
        put?: never;
        /** Create Website */
        post: operations["create_website_api_v1_websites_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/{website_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Website */
        get: operations["get_website_api_v1_websites__website_id__get"];
        put?: never;
        post?: never;
        /** Delete Website */
        delete: operations["delete_website_api_v1_websites__website_id__delete"];
        options?: never;
        head?: never;
        /** Update Website */
        patch: operations["update_website_api_v1_websites__website_id__patch"];
        trace?: never;
    };
    "/api/v1/websites/{website_id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check Now
         * @description Check the site as soon as possible: at most once per minimum interval per site, and
         *     `WEBMON_CHECK_NOW_PER_MINUTE` times a minute per account (429 with Retry-After).
         */
        post: operations["check_now_api_v1_websites__website_id__check_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/{website_id}/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Checks, newest first */
        get: operations["list_checks_api_v1_websites__website_id__checks_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/{website_id}/state-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Went down, recovered, reminders: newest first, with how each alert was delivered */
        get: operations["list_state_changes_api_v1_websites__website_id__state_changes_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/websites/{website_id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts sent or attempted for this site, newest first */
        get: operations["list_notifications_api_v1_websites__website_id__notifications_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telegram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is Telegram set up, and which bot to talk to */
        get: operations["telegram_info_api_v1_telegram_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telegram/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A one-time link that proves a chat is yours
         * @description Open `url` in Telegram (or `group_url` for a group) and press Start: the bot links that chat to your account and says so there. The token works once, for 15 minutes. Only linked chats can get alerts or test messages.
         */
        post: operations["create_link_api_v1_telegram_link_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telegram/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chats linked to your account */
        get: operations["list_chats_api_v1_telegram_chats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telegram/chats/{chat_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unlink a chat
         * @description 409 while any of your websites alert the chat: choose another chat for them first.
         */
        delete: operations["unlink_chat_api_v1_telegram_chats__chat_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telegram/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test message to a linked chat
         * @description At most once per minimum check interval per chat and per account (429 with Retry-After).
         */
        post: operations["test_message_api_v1_telegram_test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This server's version, limits and registration mode */
        get: operations["meta_api_v1_meta_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read Settings */
        get: operations["read_settings_api_v1_admin_settings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change Settings
         * @description Takes effect at once in every API process (they read the table on use) and within seconds
         *     in the check pipeline (it re-reads it every few seconds; `webmon serve` at once).
         */
        patch: operations["change_settings_api_v1_admin_settings_patch"];
        trace?: never;
    };
    "/api/v1/admin/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Invitations */
        get: operations["list_invitations_api_v1_admin_invitations_get"];
        put?: never;
        /**
         * Create Invitation
         * @description A one-time invitation to register; the token is shown only in this answer.
         */
        post: operations["create_invitation_api_v1_admin_invitations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/invitations/{invitation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke Invitation */
        delete: operations["revoke_invitation_api_v1_admin_invitations__invitation_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Instance Health
         * @description What `/health` reports, and how many accounts and sites this instance has.
         */
        get: operations["instance_health_api_v1_admin_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health of the API and what it depends on
         * @description The database; in the multi-service mode also Redis and the Celery workers; where checks
         *     are stored ("degraded", still 200, says why they are not stored where they should be).
         */
        get: operations["health_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["metrics_metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AdminHealthOut */
        AdminHealthOut: {
            /**
             * Status
             * @enum {string}
             */
            status: "ok" | "error";
            /** Version */
            version: string;
            /** Components */
            components: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            counts: components["schemas"]["CountsOut"];
        };
        /** Body_token_api_v1_auth_token_post */
        Body_token_api_v1_auth_token_post: {
            /** Grant Type */
            grant_type?: string | null;
            /** Username */
            username: string;
            /**
             * Password
             * Format: password
             */
            password: string;
            /**
             * Scope
             * @default
             */
            scope?: string;
            /** Client Id */
            client_id?: string | null;
            /**
             * Client Secret
             * Format: password
             */
            client_secret?: string | null;
        };
        /** BulkIn */
        BulkIn: {
            /**
             * Ids
             * @description the sites to act on
             */
            ids: number[];
            /**
             * Action
             * @enum {string}
             */
            action: "pause" | "resume" | "delete" | "check" | "add_tag" | "remove_tag";
            /**
             * Tag
             * @description for add_tag and remove_tag (only)
             */
            tag?: string | null;
        };
        /** BulkOut */
        BulkOut: {
            /**
             * Action
             * @enum {string}
             */
            action: "pause" | "resume" | "delete" | "check" | "add_tag" | "remove_tag";
            /**
             * Affected
             * @description sites this request changed (a paused site paused again is not counted)
             */
            affected: number;
            /**
             * Skipped
             * @description check only: the sites not queued, and why (nothing else is refused)
             */
            skipped?: components["schemas"]["BulkSkip"][];
        };
        /** BulkSkip */
        BulkSkip: {
            /** Id */
            id: number;
            /**
             * Reason
             * @enum {string}
             */
            reason: "paused" | "checked_recently" | "account_limit";
        };
        /** ChangePasswordIn */
        ChangePasswordIn: {
            /** Current Password */
            current_password: string;
            /** New Password */
            new_password: string;
        };
        /** CheckOut */
        CheckOut: {
            /**
             * Id
             * @description unique within the website: the check's time in microseconds since 1970
             */
            id: number;
            /**
             * Status
             * @enum {string}
             */
            status: "up" | "down";
            /** Status Code */
            status_code: number | null;
            /**
             * Response Time
             * @description milliseconds
             */
            response_time: number | null;
            /**
             * Error Kind
             * @description DNS, CONNECT, TLS, TIMEOUT, HTTP_STATUS, KEYWORD_MISSING, ...
             */
            error_kind: string | null;
            /** Error Message */
            error_message: string | null;
            /**
             * Checked At
             * Format: date-time
             */
            checked_at: string;
        };
        /** CheckQueued */
        CheckQueued: {
            /** Detail */
            detail: string;
            /** Website Id */
            website_id: number;
            /**
             * Next Check At
             * Format: date-time
             */
            next_check_at: string;
        };
        /** CountsOut */
        CountsOut: {
            /** Users */
            users: number;
            /** Websites */
            websites: number;
            /** Active Websites */
            active_websites: number;
            /** Down Websites */
            down_websites: number;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** Heartbeat */
        Heartbeat: {
            /**
             * T
             * Format: date-time
             * @description when the check started
             */
            t: string;
            /**
             * Status
             * @enum {string}
             */
            status: "up" | "down";
            /**
             * Code
             * @description the HTTP status code, if there was an answer
             */
            code: number | null;
            /**
             * Ms
             * @description response time in milliseconds
             */
            ms: number | null;
            /**
             * Kind
             * @description why it failed: DNS, CONNECT, TLS, TIMEOUT, HTTP_STATUS, KEYWORD_MISSING, ...
             */
            kind: string | null;
            /**
             * Error
             * @description what went wrong, in words
             */
            error: string | null;
        };
        /** InstanceSettingsOut */
        InstanceSettingsOut: {
            /**
             * Allow Private Targets
             * @description checks of loopback, private and link-local addresses allowed
             */
            allow_private_targets: boolean;
            /**
             * Registration
             * @enum {string}
             */
            registration: "open" | "invite" | "closed";
            /**
             * Locked
             * @description settings set in the server's environment (WEBMON_...): they win, and cannot be changed here
             */
            locked: string[];
        };
        /** InstanceSettingsPatch */
        InstanceSettingsPatch: {
            /** Allow Private Targets */
            allow_private_targets?: boolean | null;
            /** Registration */
            registration?: ("open" | "invite" | "closed") | null;
        };
        /** InvitationCreated */
        InvitationCreated: {
            /** Id */
            id: number;
            /**
             * Url
             * @description the registration page with the invitation; give it to the person invited
             */
            url: string;
            /**
             * Token
             * @description shown once: only its hash is stored
             */
            token: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
        };
        /** InvitationIn */
        InvitationIn: {
            /**
             * Expires In Hours
             * @description how long the invitation works
             * @default 168
             */
            expires_in_hours?: number;
        };
        /** InvitationOut */
        InvitationOut: {
            /** Id */
            id: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Used At */
            used_at: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "used" | "expired";
        };
        /** LinkOut */
        LinkOut: {
            /**
             * Url
             * @description open in Telegram: a private chat with the bot, which sends it /start <token>
             */
            url: string;
            /**
             * Group Url
             * @description the same for a group: Telegram asks which group to add the bot to
             */
            group_url: string;
            /**
             * Token
             * @description one use; a channel links by posting /start <token> there
             */
            token: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
        };
        /** LinkedChat */
        LinkedChat: {
            /** Chat Id */
            chat_id: string;
            /** Title */
            title: string | null;
            /**
             * Linked At
             * Format: date-time
             */
            linked_at: string;
        };
        /** LoginIn */
        LoginIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
        };
        /** MetaOut */
        MetaOut: {
            /** Version */
            version: string;
            /**
             * Registration
             * @description open, invite (an invitation is needed) or closed
             * @enum {string}
             */
            registration: "open" | "invite" | "closed";
            /**
             * Setup Required
             * @description no account exists yet: the first one becomes the administrator
             */
            setup_required: boolean;
            /**
             * Min Check Interval
             * @description the smallest check_interval this server accepts, seconds
             */
            min_check_interval: number;
            /** Max Websites Per User */
            max_websites_per_user: number;
            /**
             * Allow Private Targets
             * @description whether loopback/private/link-local targets may be monitored
             */
            allow_private_targets: boolean;
            /** Telegram Enabled */
            telegram_enabled: boolean;
        };
        /** NotificationOut */
        NotificationOut: {
            /** Id */
            id: number;
            /** Kind */
            kind: string;
            /** Chat Id */
            chat_id: string;
            /**
             * Status
             * @enum {string}
             */
            status: "sent" | "failed" | "broken";
            /** Error */
            error: string | null;
            /** Attempts */
            attempts: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Sent At */
            sent_at: string | null;
        };
        /** RegisterIn */
        RegisterIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Username */
            username: string;
            /** Password */
            password: string;
            /**
             * Invitation
             * @description the token of an invitation (needed when registration is `invite`)
             */
            invitation?: string | null;
            /**
             * Locale
             * @description the browser's language (`ru`, `ru-RU`, `en-GB`, `de`…): the account speaks the supported language it names, else English
             * @example ru-RU
             */
            locale?: string | null;
        };
        /** SeriesOut */
        SeriesOut: {
            /** Window */
            window: string;
            /** Bucket Seconds */
            bucket_seconds: number;
            /** Points */
            points: components["schemas"]["SeriesPoint"][];
        };
        /** SeriesPoint */
        SeriesPoint: {
            /**
             * T
             * Format: date-time
             */
            t: string;
            /** Avg Response Time */
            avg_response_time: number | null;
            /** Max Response Time */
            max_response_time: number | null;
            /** Up */
            up: number;
            /** Down */
            down: number;
        };
        /** SparkPoint */
        SparkPoint: {
            /**
             * T
             * Format: date-time
             */
            t: string;
            /** Avg Response Time */
            avg_response_time: number | null;
            /** Up */
            up: number;
            /** Down */
            down: number;
        };
        /** StateChangeOut */
        StateChangeOut: {
            /** Id */
            id: number;
            /**
             * Kind
             * @enum {string}
             */
            kind: "down" | "recovered" | "reminder";
            /** From Status */
            from_status: string;
            /** To Status */
            to_status: string;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Outage Started At */
            outage_started_at: string | null;
            /** Reason */
            reason: string | null;
            /** Detail */
            detail: string | null;
            /** Status Code */
            status_code: number | null;
            /**
             * Delivery
             * @enum {string}
             */
            delivery: "pending" | "sending" | "sent" | "failed" | "skipped";
            /** Sent At */
            sent_at: string | null;
        };
        /** StatsOut */
        StatsOut: {
            /** Window */
            window: string;
            /**
             * Uptime Percent
             * @description time-weighted: the share of the window the site was seen up
             */
            uptime_percent: number | null;
            /** Checks */
            checks: number;
            /** Failed Checks */
            failed_checks: number;
            /**
             * Avg Response Time
             * @description milliseconds
             */
            avg_response_time: number | null;
            /**
             * P95 Response Time
             * @description milliseconds
             */
            p95_response_time: number | null;
            /** Downtime Seconds */
            downtime_seconds: number;
        };
        /** SummaryOut */
        SummaryOut: {
            /** Total */
            total: number;
            /** Up */
            up: number;
            /** Down */
            down: number;
            /** Pending */
            pending: number;
            /** Paused */
            paused: number;
        };
        /** TagCount */
        TagCount: {
            /** Tag */
            tag: string;
            /**
             * Count
             * @description how many of the account's sites have it
             */
            count: number;
        };
        /** TelegramInfo */
        TelegramInfo: {
            /** Enabled */
            enabled: boolean;
            /** Bot Username */
            bot_username: string | null;
        };
        /** TestMessageIn */
        TestMessageIn: {
            /** Chat Id */
            chat_id: string;
        };
        /** TestMessageOut */
        TestMessageOut: {
            /** Detail */
            detail: string;
        };
        /** TokenOut */
        TokenOut: {
            /** Access Token */
            access_token: string;
            /**
             * Token Type
             * @default bearer
             * @constant
             */
            token_type?: "bearer";
            /**
             * Expires In
             * @description seconds until the token expires
             */
            expires_in: number;
        };
        /**
         * UpdateMeIn
         * @description The fields of the account its user may change (every one optional: what is sent changes).
         */
        UpdateMeIn: {
            /**
             * Locale
             * @description the account's language: the dashboard, the Telegram alerts and the bot's replies
             * @enum {string}
             */
            locale?: "en" | "ru";
        };
        /** UserOut */
        UserOut: {
            /** Id */
            id: number;
            /** Email */
            email: string;
            /** Username */
            username: string;
            /** Balance */
            balance: number;
            /** Is Active */
            is_active: boolean;
            /**
             * Locale
             * @description the account's language (`PATCH /auth/me` changes it)
             * @default en
             * @enum {string}
             */
            locale?: "en" | "ru";
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Is Admin
             * @description the instance administrator (WEBMON_ADMIN_EMAIL, else the first account)
             * @default false
             */
            is_admin?: boolean;
        };
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
            /** Input */
            input?: unknown;
            /** Context */
            ctx?: Record<string, never>;
        };
        /** WebsiteCreate */
        WebsiteCreate: {
            /**
             * Url
             * @example https://example.com/
             */
            url: string;
            /**
             * Name
             * @description defaults to the URL's host name
             */
            name?: string | null;
            /** Valid Word */
            valid_word: string;
            /**
             * Timeout
             * @description seconds
             * @default 30
             */
            timeout?: number;
            /**
             * Check Interval
             * @description seconds; at least WEBMON_MIN_CHECK_INTERVAL
             * @default 300
             */
            check_interval?: number;
            /**
             * Telegram Chat Id
             * @example 123456789
             * @example -1001234567890
             * @example @mychannel
             */
            telegram_chat_id?: string | null;
            /**
             * Is Active
             * @default true
             */
            is_active?: boolean;
            /**
             * Failure Threshold
             * @default 2
             */
            failure_threshold?: number;
            /**
             * Tags
             * @description letters, digits, "-", "_", "." and spaces, 1-32 characters each, stored in lower case; at most 20
             */
            tags?: string[];
        };
        /** WebsiteListItem */
        WebsiteListItem: {
            /** Id */
            id: number;
            /** Url */
            url: string;
            /** Name */
            name: string;
            /** Valid Word */
            valid_word: string;
            /** Timeout */
            timeout: number;
            /** Check Interval */
            check_interval: number;
            /** Telegram Chat Id */
            telegram_chat_id: string | null;
            /** Is Active */
            is_active: boolean;
            /** Failure Threshold */
            failure_threshold: number;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "up" | "down";
            /** Last Check */
            last_check: string | null;
            /**
             * Next Check At
             * @description when the next scheduled check is due
             */
            next_check_at: string | null;
            /**
             * Response Time
             * @description milliseconds, of the last check
             */
            response_time: number | null;
            /** Error Message */
            error_message: string | null;
            /** Total Checks */
            total_checks: number;
            /** Failed Checks */
            failed_checks: number;
            /** Consecutive Failures */
            consecutive_failures: number;
            /** Last Notification Sent */
            last_notification_sent: string | null;
            /**
             * Error Kind
             * @description why the last check failed: DNS, CONNECT, TLS, TIMEOUT, HTTP_STATUS, ...
             */
            error_kind: string | null;
            /** Status Changed At */
            status_changed_at: string | null;
            /**
             * Tls Expires At
             * @description https only: when the certificate expires
             */
            tls_expires_at: string | null;
            /**
             * Telegram Error
             * @description why alerts cannot reach the Telegram chat, if they cannot
             */
            telegram_error: string | null;
            /**
             * Tags
             * @description sorted, lower case
             */
            tags: string[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at: string | null;
            /**
             * Uptime 24H
             * @description time-weighted uptime over the last 24 hours, percent
             */
            uptime_24h: number | null;
        };
        /** WebsiteOut */
        WebsiteOut: {
            /** Id */
            id: number;
            /** Url */
            url: string;
            /** Name */
            name: string;
            /** Valid Word */
            valid_word: string;
            /** Timeout */
            timeout: number;
            /** Check Interval */
            check_interval: number;
            /** Telegram Chat Id */
            telegram_chat_id: string | null;
            /** Is Active */
            is_active: boolean;
            /** Failure Threshold */
            failure_threshold: number;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "up" | "down";
            /** Last Check */
            last_check: string | null;
            /**
             * Next Check At
             * @description when the next scheduled check is due
             */
            next_check_at: string | null;
            /**
             * Response Time
             * @description milliseconds, of the last check
             */
            response_time: number | null;
            /** Error Message */
            error_message: string | null;
            /** Total Checks */
            total_checks: number;
            /** Failed Checks */
            failed_checks: number;
            /** Consecutive Failures */
            consecutive_failures: number;
            /** Last Notification Sent */
            last_notification_sent: string | null;
            /**
             * Error Kind
             * @description why the last check failed: DNS, CONNECT, TLS, TIMEOUT, HTTP_STATUS, ...
             */
            error_kind: string | null;
            /** Status Changed At */
            status_changed_at: string | null;
            /**
             * Tls Expires At
             * @description https only: when the certificate expires
             */
            tls_expires_at: string | null;
            /**
             * Telegram Error
             * @description why alerts cannot reach the Telegram chat, if they cannot
             */
            telegram_error: string | null;
            /**
             * Tags
             * @description sorted, lower case
             */
            tags: string[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at: string | null;
        };
        /**
         * WebsiteUpdate
         * @description Only the fields sent are changed. `name` and `telegram_chat_id` may be null (reset / clear);
         *     the others may be left out but not nulled.
         */
        WebsiteUpdate: {
            /**
             * Url
             * @example https://example.com/
             */
            url?: string;
            /** Name */
            name?: string | null;
            /** Valid Word */
            valid_word?: string;
            /**
             * Timeout
             * @description seconds
             */
            timeout?: number;
            /**
             * Check Interval
             * @description seconds; at least WEBMON_MIN_CHECK_INTERVAL
             */
            check_interval?: number;
            /**
             * Telegram Chat Id
             * @example 123456789
             * @example -1001234567890
             * @example @mychannel
             */
            telegram_chat_id?: string | null;
            /** Is Active */
            is_active?: boolean;
            /** Failure Threshold */
            failure_threshold?: number;
            /**
             * Tags
             * @description replaces the site's tags; letters, digits, "-", "_", "." and spaces, 1-32 characters each, stored in lower case; at most 20
             */
            tags?: string[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    register_api_v1_auth_register_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description registration is closed, or needs a (valid) invitation: `detail` says */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many attempts from this address or for this account; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    login_api_v1_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many attempts from this address or for this account; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    token_api_v1_auth_token_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["Body_token_api_v1_auth_token_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many attempts from this address or for this account; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    open_session_api_v1_auth_session_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many attempts from this address or for this account; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    logout_api_v1_auth_session_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    logout_api_v1_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    me_api_v1_auth_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
        };
    };
    update_me_api_v1_auth_me_patch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMeIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    change_password_api_v1_auth_change_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many attempts from this address or for this account; retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    summary_api_v1_websites_summary_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SummaryOut"];
                };
            };
        };
    };
    sparklines_api_v1_websites_sparklines_get: {
        parameters: {
            query: {
                /** @description comma-separated website ids */
                ids: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["SparkPoint"][];
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_heartbeats_api_v1_websites_heartbeats_get: {
        parameters: {
            query: {
                /** @description comma-separated website ids */
                ids: string;
                /** @description checks per site */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["Heartbeat"][];
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    stats_api_v1_websites__website_id__stats_get: {
        parameters: {
            query?: {
                /** @description how far back */
                window?: "24h" | "7d" | "30d" | "1y";
            };
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    series_api_v1_websites__website_id__series_get: {
        parameters: {
            query?: {
                /** @description how far back: 1h and 24h from raw checks, longer ranges from the rollups */
                window?: "1h" | "24h" | "7d" | "30d" | "90d" | "1y";
            };
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_tags_api_v1_websites_tags_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagCount"][];
                };
            };
        };
    };
    bulk_action_api_v1_websites_bulk_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkOut"];
                };
            };
            /** @description an id is missing or another user's: nothing was changed */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_websites_api_v1_websites_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description paused = is_active false; the others count active sites only */
                status?: ("pending" | "up" | "down" | "paused") | null;
                /** @description search in name and URL */
                q?: string | null;
                /** @description only sites with this tag; repeated: with all of them */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    /** @description sites matching the filters */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebsiteListItem"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_website_api_v1_websites_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebsiteCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebsiteOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_website_api_v1_websites__website_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebsiteOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_website_api_v1_websites__website_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_website_api_v1_websites__website_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebsiteUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebsiteOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    check_now_api_v1_websites__website_id__check_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckQueued"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description checked on request too recently (per site, or too often from this account) */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_checks_api_v1_websites__website_id__checks_get: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only entries strictly older than this time (page with the last row's time) */
                before?: string | null;
            };
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckOut"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_state_changes_api_v1_websites__website_id__state_changes_get: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only entries strictly older than this time (page with the last row's time) */
                before?: string | null;
            };
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChangeOut"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_notifications_api_v1_websites__website_id__notifications_get: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                website_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationOut"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    telegram_info_api_v1_telegram_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TelegramInfo"];
                };
            };
        };
    };
    create_link_api_v1_telegram_link_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkOut"];
                };
            };
        };
    };
    list_chats_api_v1_telegram_chats_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedChat"][];
                };
            };
        };
    };
    unlink_chat_api_v1_telegram_chats__chat_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                chat_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    test_message_api_v1_telegram_test_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TestMessageIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestMessageOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    meta_api_v1_meta_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetaOut"];
                };
            };
        };
    };
    read_settings_api_v1_admin_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceSettingsOut"];
                };
            };
        };
    };
    change_settings_api_v1_admin_settings_patch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InstanceSettingsPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceSettingsOut"];
                };
            };
            /** @description a locked setting */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_invitations_api_v1_admin_invitations_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationOut"][];
                };
            };
        };
    };
    create_invitation_api_v1_admin_invitations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["InvitationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    revoke_invitation_api_v1_admin_invitations__invitation_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    instance_health_api_v1_admin_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminHealthOut"];
                };
            };
        };
    };
    health_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    metrics_metrics_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
