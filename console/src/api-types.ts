// Generated from docs/openapi.json by openapi-typescript: do not edit. Regenerate with `npm run openapi`
// (scripts/openapi.ts) after changing an API route or schema; test/openapi.test.ts fails while this is stale.

export interface paths {
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The append-only audit log of operator and automatic actions, newest first (format=csv for a spreadsheet) */
        get: {
            parameters: {
                query?: {
                    /** @description inclusive, ISO 8601 */
                    from?: string;
                    /** @description exclusive, ISO 8601 */
                    to?: string;
                    actor?: string;
                    /** @description exact, or a prefix ending in "." or "*" (relay.) */
                    action?: string;
                    meterId?: string;
                    outcome?: string;
                    /** @description page backwards: entries older than this id */
                    beforeId?: number;
                    limit?: number;
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: string;
                                actor: string;
                                actorRole: string | null;
                                at: string;
                                commandReference: string | null;
                                /** @description the disconnection policy's full answer, when the action was evaluated */
                                decision: unknown | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                id: number;
                                ip: string | null;
                                meterId: string | null;
                                note: string | null;
                                outcome: string | null;
                                reason: string | null;
                                target: string | null;
                                targetType: string | null;
                            }[];
                            nextBeforeId: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log as CSV (same filters) */
        get: {
            parameters: {
                query?: {
                    /** @description inclusive, ISO 8601 */
                    from?: string;
                    /** @description exclusive, ISO 8601 */
                    to?: string;
                    actor?: string;
                    /** @description exact, or a prefix ending in "." or "*" (relay.) */
                    action?: string;
                    meterId?: string;
                    outcome?: string;
                    /** @description page backwards: entries older than this id */
                    beforeId?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bulk/disconnect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bulk disconnect of a list or a filter of meters; dryRun shows what the policy would do for each meter and why. Cuts of more meters than the policy's threshold wait for a second operator. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description only evaluate the policy: nothing is stored or sent */
                        dryRun?: boolean;
                        /** @description seconds the head end keeps trying to reach the meter (default 24 h) */
                        expiresInSeconds?: number;
                        filter?: {
                            area?: string;
                            online?: boolean;
                            /** @enum {string} */
                            service?: "electricity" | "water";
                        };
                        meterIds?: string[];
                        note: string;
                        /** @enum {string} */
                        reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "disconnect" | "reconnect";
                            bulkId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            items: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                };
                                meterId: string;
                                requestId: number | null;
                                scheduledFor: string | null;
                                /** @enum {string} */
                                status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                            }[];
                            size: number;
                            /** @enum {string} */
                            status: "preview" | "pending_approval" | "executed" | "rejected";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "disconnect" | "reconnect";
                            bulkId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            items: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                };
                                meterId: string;
                                requestId: number | null;
                                scheduledFor: string | null;
                                /** @enum {string} */
                                status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                            }[];
                            size: number;
                            /** @enum {string} */
                            status: "preview" | "pending_approval" | "executed" | "rejected";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bulk/reconnect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bulk reconnect of a list or a filter of meters; dryRun shows what the policy would do for each meter and why. Cuts of more meters than the policy's threshold wait for a second operator. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description only evaluate the policy: nothing is stored or sent */
                        dryRun?: boolean;
                        /** @description seconds the head end keeps trying to reach the meter (default 24 h) */
                        expiresInSeconds?: number;
                        filter?: {
                            area?: string;
                            online?: boolean;
                            /** @enum {string} */
                            service?: "electricity" | "water";
                        };
                        meterIds?: string[];
                        note: string;
                        /** @enum {string} */
                        reason: "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "customer_request" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "disconnect" | "reconnect";
                            bulkId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            items: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                };
                                meterId: string;
                                requestId: number | null;
                                scheduledFor: string | null;
                                /** @enum {string} */
                                status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                            }[];
                            size: number;
                            /** @enum {string} */
                            status: "preview" | "pending_approval" | "executed" | "rejected";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "disconnect" | "reconnect";
                            bulkId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            items: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                };
                                meterId: string;
                                requestId: number | null;
                                scheduledFor: string | null;
                                /** @enum {string} */
                                status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                            }[];
                            size: number;
                            /** @enum {string} */
                            status: "preview" | "pending_approval" | "executed" | "rejected";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bulk/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bulk request: who asked, what, its state and who approved it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            decidedAt: string | null;
                            decidedBy: string | null;
                            id: number;
                            meterIds: string[];
                            note: string;
                            reason: string;
                            requestedAt: string;
                            requestedBy: string;
                            status: string;
                            summary: {
                                [key: string]: unknown;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bulk/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A second operator approves a held bulk cut: it is carried out (each meter re-evaluated now) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "disconnect" | "reconnect";
                            bulkId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            items: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                };
                                meterId: string;
                                requestId: number | null;
                                scheduledFor: string | null;
                                /** @enum {string} */
                                status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                            }[];
                            size: number;
                            /** @enum {string} */
                            status: "preview" | "pending_approval" | "executed" | "rejected";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bulk/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A second operator rejects a held bulk cut */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "disconnect" | "reconnect";
                            bulkId: number | null;
                            counts: {
                                [key: string]: number;
                            };
                            items: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                };
                                meterId: string;
                                requestId: number | null;
                                scheduledFor: string | null;
                                /** @enum {string} */
                                status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                            }[];
                            size: number;
                            /** @enum {string} */
                            status: "preview" | "pending_approval" | "executed" | "rejected";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases, open ones first by deadline; a subscriber sees their own */
        get: {
            parameters: {
                query?: {
                    /** @description comma-separated states */
                    state?: string;
                    category?: string;
                    department?: string;
                    assignee?: string;
                    meterId?: string;
                    subscriberId?: number;
                    channel?: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                    /** @description only open cases past 80 % of their deadline */
                    late?: "true" | "false";
                    from?: string;
                    to?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a case (a call, a walk-in, a portal request): answers with its reference and deadline */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        caller?: {
                            name: string;
                            phone: string;
                        };
                        category: string;
                        /**
                         * @description default: call_centre for staff, portal for a subscriber
                         * @enum {string}
                         */
                        channel?: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                        description: string;
                        /** @enum {string} */
                        kind: "complaint" | "request" | "enquiry";
                        meterId?: string;
                        subscriberId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case with its timeline, visits, attachments and poll */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachments: {
                                /** @enum {string} */
                                contentType: "image/jpeg" | "image/png" | "image/webp" | "application/pdf" | "text/plain";
                                createdAt: string;
                                filename: string;
                                href: string;
                                id: number;
                                sha256: string;
                                size: number;
                                uploadedBy: string;
                                visitId: number | null;
                            }[];
                            case: {
                                answeredAt: string | null;
                                area: string | null;
                                assignee: string | null;
                                autoCause: string | null;
                                /** @description how many times the meter reported the cause while this case was open */
                                autoCount: number;
                                breachedAt: string | null;
                                caller: {
                                    name: string | null;
                                    phone: string | null;
                                } | null;
                                category: string;
                                categoryName: {
                                    ar: string;
                                    en: string;
                                };
                                /** @enum {string} */
                                channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                                /**
                                 * @description running while the case waits for an answer
                                 * @enum {string}
                                 */
                                clock: "running" | "stopped";
                                closedAt: string | null;
                                /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                                compensationMinor: number | null;
                                createdAt: string;
                                createdBy: string;
                                department: string;
                                description: string;
                                dueAt: string;
                                /** @description the deadline in the utility's time zone */
                                dueAtLocal: string;
                                escalatedAt: string | null;
                                /** @enum {string} */
                                kind: "complaint" | "request" | "enquiry";
                                meterId: string | null;
                                /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                                reference: string;
                                reopenCount: number;
                                reply: string | null;
                                /** @enum {string} */
                                state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                                subscriberId: number | null;
                                /** @description negative when overdue; null once answered */
                                timeLeftSeconds: number | null;
                                usedPercent: number | null;
                                warnAt: string;
                            };
                            survey: {
                                at: string;
                                comment: string | null;
                                language: string;
                                score: number;
                            } | null;
                            surveyOpen: boolean;
                            timeline: {
                                action: string;
                                actor: string;
                                at: string;
                                fromState: string | null;
                                note: string | null;
                                toState: string | null;
                            }[];
                            visits: {
                                createdBy: string;
                                finishedAt: string | null;
                                id: number;
                                result: string | null;
                                slotEnd: string;
                                slotStart: string;
                                /** @enum {string} */
                                state: "scheduled" | "done" | "failed" | "cancelled";
                                technician: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The dispatcher routes the case to a department (directorate/section) and a person */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignee: string;
                        department: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach a file (multipart/form-data, one part named file; image/jpeg, image/png, image/webp, application/pdf, text/plain; type checked by content; size-limited) */
        post: {
            parameters: {
                query?: {
                    visitId?: number;
                };
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            contentType: "image/jpeg" | "image/png" | "image/webp" | "application/pdf" | "text/plain";
                            createdAt: string;
                            filename: string;
                            href: string;
                            id: number;
                            sha256: string;
                            size: number;
                            uploadedBy: string;
                            visitId: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attachment (always as a download: Content-Disposition attachment, nosniff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close an answered case (without a written reply: 409); the satisfaction poll opens */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case's meter: its consumption over the last 24 h, recent top-ups and commands, its audit trail and its other cases */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audit: {
                                action: string;
                                actor: string;
                                at: string;
                                note: string | null;
                                outcome: string | null;
                            }[];
                            commands: {
                                acknowledgedAt: string | null;
                                action: string | null;
                                attempts: number;
                                createdAt: string;
                                detail: string | null;
                                expiresAt: string;
                                finishedAt: string | null;
                                issuer: string;
                                meterId: string;
                                note: string | null;
                                reason: string | null;
                                reference: string;
                                /** @description the meter's own result (relay state, STS result or failure reason) */
                                result: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                /** @description command kind: token, relay, timeSync, or a kind a module added */
                                type: string;
                            }[];
                            consumption: {
                                buckets: {
                                    start: string;
                                    used: number | null;
                                }[];
                                every: number;
                                total: number;
                            } | null;
                            meterId: string | null;
                            otherCases: {
                                answeredAt: string | null;
                                area: string | null;
                                assignee: string | null;
                                autoCause: string | null;
                                /** @description how many times the meter reported the cause while this case was open */
                                autoCount: number;
                                breachedAt: string | null;
                                caller: {
                                    name: string | null;
                                    phone: string | null;
                                } | null;
                                category: string;
                                categoryName: {
                                    ar: string;
                                    en: string;
                                };
                                /** @enum {string} */
                                channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                                /**
                                 * @description running while the case waits for an answer
                                 * @enum {string}
                                 */
                                clock: "running" | "stopped";
                                closedAt: string | null;
                                /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                                compensationMinor: number | null;
                                createdAt: string;
                                createdBy: string;
                                department: string;
                                description: string;
                                dueAt: string;
                                /** @description the deadline in the utility's time zone */
                                dueAtLocal: string;
                                escalatedAt: string | null;
                                /** @enum {string} */
                                kind: "complaint" | "request" | "enquiry";
                                meterId: string | null;
                                /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                                reference: string;
                                reopenCount: number;
                                reply: string | null;
                                /** @enum {string} */
                                state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                                subscriberId: number | null;
                                /** @description negative when overdue; null once answered */
                                timeLeftSeconds: number | null;
                                usedPercent: number | null;
                                warnAt: string;
                            }[];
                            topups: {
                                amount: number;
                                createdAt: string;
                                currency: string;
                                reference: string;
                                state: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen an answered or closed case: a new answer is needed and the clock restarts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The department's written answer: stops the clock and goes back to the subscriber */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The department starts work on an assigned case */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/survey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Satisfaction poll of a closed case (1–5 and a comment), answered once: a second answer is 409 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        score: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            comment: string | null;
                            language: string;
                            score: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book a field visit (appointment slot and technician) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        slotEnd: string;
                        /** Format: date-time */
                        slotStart: string;
                        technician: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdBy: string;
                            finishedAt: string | null;
                            id: number;
                            result: string | null;
                            slotEnd: string;
                            slotStart: string;
                            /** @enum {string} */
                            state: "scheduled" | "done" | "failed" | "cancelled";
                            technician: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{reference}/visits/{id}/finish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a visit's result (the technician on the visit, or a supervisor) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "done" | "failed" | "cancelled";
                        result: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdBy: string;
                            finishedAt: string | null;
                            id: number;
                            result: string | null;
                            slotEnd: string;
                            slotStart: string;
                            /** @enum {string} */
                            state: "scheduled" | "done" | "failed" | "cancelled";
                            technician: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/commands/{reference}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One meter command by its reference: created, sent, acknowledged / rejected / failed / expired, and the meter's result */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            action: string | null;
                            attempts: number;
                            createdAt: string;
                            detail: string | null;
                            expiresAt: string;
                            finishedAt: string | null;
                            issuer: string;
                            meterId: string;
                            note: string | null;
                            reason: string | null;
                            reference: string;
                            /** @description the meter's own result (relay state, STS result or failure reason) */
                            result: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                            /** @description command kind: token, relay, timeSync, or a kind a module added */
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/desk/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Case categories with their department and deadline */
        get: {
            parameters: {
                query?: {
                    /** @description staff: include retired categories */
                    all?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** @enum {string} */
                            clock: "clock" | "working";
                            code: string;
                            compensationMinor: number | null;
                            deadlineMinutes: number;
                            department: string;
                            fieldVisit: boolean;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            nameAr: string;
                            nameEn: string;
                            sort: number;
                        }[];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/desk/categories/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or change a category (the utility's own deadlines and departments; applies to new cases) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active: boolean;
                        /** @enum {string} */
                        clock: "clock" | "working";
                        compensationMinor: number | null;
                        deadlineMinutes: number;
                        department: string;
                        fieldVisit: boolean;
                        /** @enum {string} */
                        kind: "complaint" | "request" | "enquiry";
                        nameAr: string;
                        nameEn: string;
                        sort: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** @enum {string} */
                            clock: "clock" | "working";
                            code: string;
                            compensationMinor: number | null;
                            deadlineMinutes: number;
                            department: string;
                            fieldVisit: boolean;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            nameAr: string;
                            nameEn: string;
                            sort: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/desk/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Desk statistics: cases by category, area, channel and state; share answered within the deadline; satisfaction; repeated causes per area and per meter */
        get: {
            parameters: {
                query?: {
                    /** @description default: 30 days ago */
                    from?: string;
                    /** @description default: now */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answered: number;
                            answeredWithinDeadline: number;
                            breached: number;
                            byArea: {
                                count: number;
                                key: string;
                            }[];
                            byCategory: {
                                count: number;
                                key: string;
                            }[];
                            byChannel: {
                                count: number;
                                key: string;
                            }[];
                            byState: {
                                count: number;
                                key: string;
                            }[];
                            compensationMinor: number;
                            escalated: number;
                            from: string;
                            open: number;
                            perDay: {
                                count: number;
                                day: string;
                            }[];
                            repeatedByArea: {
                                category: string;
                                count: number;
                                key: string;
                            }[];
                            repeatedByMeter: {
                                category: string;
                                count: number;
                                key: string;
                            }[];
                            satisfaction: {
                                answers: number;
                                average: number | null;
                                byScore: {
                                    count: number;
                                    score: number;
                                }[];
                                /** @description share of answers scoring 4 or 5 */
                                satisfiedShare: number | null;
                            };
                            timeZone: string;
                            to: string;
                            total: number;
                            withinDeadlineShare: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/desk/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Visits booked for a technician (default: me) in a period (default: today and the next 7 days) */
        get: {
            parameters: {
                query?: {
                    technician?: string;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdBy: string;
                            finishedAt: string | null;
                            id: number;
                            reference: string;
                            result: string | null;
                            slotEnd: string;
                            slotStart: string;
                            /** @enum {string} */
                            state: "scheduled" | "done" | "failed" | "cancelled";
                            technician: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/edge/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An edge's own configuration and the head end's clock (HTTP Basic with the edge's MQTT credentials) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                channels?: {
                                    [key: string]: unknown;
                                }[];
                                drainPerSecond?: number;
                                pollIntervalMs?: number;
                            };
                            configVersion: number;
                            edgeId: string;
                            meters: string[];
                            /** @description epoch ms when the answer was made */
                            serverTime: number;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/edges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Edge agents */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            edges: {
                                config: {
                                    channels?: {
                                        [key: string]: unknown;
                                    }[];
                                    drainPerSecond?: number;
                                    pollIntervalMs?: number;
                                };
                                configVersion: number;
                                id: string;
                                lastSeen: string | null;
                                meters: string[];
                                name: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register an edge agent (data concentrator) with its meters; answers its MQTT password once (username edge:<id>) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config?: {
                            channels?: {
                                [key: string]: unknown;
                            }[];
                            drainPerSecond?: number;
                            pollIntervalMs?: number;
                        };
                        id: string;
                        meters?: string[];
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            edge: {
                                config: {
                                    channels?: {
                                        [key: string]: unknown;
                                    }[];
                                    drainPerSecond?: number;
                                    pollIntervalMs?: number;
                                };
                                configVersion: number;
                                id: string;
                                lastSeen: string | null;
                                meters: string[];
                                name: string | null;
                            };
                            password: string;
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/edges/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An edge agent: its meters and configuration */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                channels?: {
                                    [key: string]: unknown;
                                }[];
                                drainPerSecond?: number;
                                pollIntervalMs?: number;
                            };
                            configVersion: number;
                            id: string;
                            lastSeen: string | null;
                            meters: string[];
                            name: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/edges/{id}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the edge's remote configuration (poll interval, serial channels, drain rate); the edge picks it up at its next poll */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channels?: {
                            [key: string]: unknown;
                        }[];
                        drainPerSecond?: number;
                        pollIntervalMs?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                channels?: {
                                    [key: string]: unknown;
                                }[];
                                drainPerSecond?: number;
                                pollIntervalMs?: number;
                            };
                            configVersion: number;
                            id: string;
                            lastSeen: string | null;
                            meters: string[];
                            name: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/edges/{id}/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Assign exactly these meters to the edge (the broker lets it publish and receive commands for them, at once) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        meters: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                channels?: {
                                    [key: string]: unknown;
                                }[];
                                drainPerSecond?: number;
                                pollIntervalMs?: number;
                            };
                            configVersion: number;
                            id: string;
                            lastSeen: string | null;
                            meters: string[];
                            name: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firmware": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored firmware packages, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            packages: {
                                chunkSize: number;
                                createdAt: string;
                                id: number;
                                keyId: string;
                                minVersion: string | null;
                                model: string;
                                sha256: string;
                                size: number;
                                version: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Upload a signed firmware package (multipart field `file`, or the package as application/octet-stream); verified against FIRMWARE_PUBLIC_KEYS */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            chunkSize: number;
                            createdAt: string;
                            id: number;
                            keyId: string;
                            minVersion: string | null;
                            model: string;
                            sha256: string;
                            size: number;
                            version: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firmware/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Firmware campaigns, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaigns: {
                                counts: {
                                    cancelled: number;
                                    downloaded: number;
                                    downloading: number;
                                    failed: number;
                                    pending: number;
                                    rolled_back: number;
                                    updated: number;
                                    updating: number;
                                    verified: number;
                                };
                                createdAt: string;
                                createdBy: string;
                                /** @description 0-based */
                                currentWave: number;
                                /** @description the first 200 failed or rolled-back meters */
                                failures: {
                                    /** @description reason code: rolled_back, hash_mismatch, bad_signature, chunk_hash, incomplete, expired, downgrade, wrong_model, ... */
                                    code: string;
                                    meterId: string;
                                    reason: string | null;
                                    /** @enum {string} */
                                    state: "pending" | "downloading" | "downloaded" | "verified" | "updating" | "updated" | "failed" | "rolled_back" | "cancelled";
                                }[];
                                firmwareId: number;
                                id: number;
                                maxFailurePercent: number;
                                minCredit: number;
                                model: string;
                                /** @description why it is paused: its failure threshold was crossed, or an operator paused it */
                                pauseCode: ("failure_threshold" | "operator") | null;
                                pauseReason: string | null;
                                /** @enum {string} */
                                status: "running" | "paused" | "cancelled" | "completed";
                                total: number;
                                updatedAt: string;
                                version: string;
                                /** @description meters held back: protected hours, supply cut, credit below the margin */
                                waiting: {
                                    meterId: string;
                                    reason: string;
                                }[];
                                waves: {
                                    counts: {
                                        cancelled: number;
                                        downloaded: number;
                                        downloading: number;
                                        failed: number;
                                        pending: number;
                                        rolled_back: number;
                                        updated: number;
                                        updating: number;
                                        verified: number;
                                    };
                                    meters: number;
                                    percent: number;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Start a staged firmware campaign: waves by cumulative percent, paused by itself when failures exceed maxFailurePercent */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        firmwareId: number;
                        maxFailurePercent: number;
                        /** @default 0 */
                        minCredit?: number;
                        target: {
                            area?: string;
                            meters?: string[];
                            model: string;
                        };
                        waves: {
                            percent: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                cancelled: number;
                                downloaded: number;
                                downloading: number;
                                failed: number;
                                pending: number;
                                rolled_back: number;
                                updated: number;
                                updating: number;
                                verified: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            /** @description 0-based */
                            currentWave: number;
                            /** @description the first 200 failed or rolled-back meters */
                            failures: {
                                /** @description reason code: rolled_back, hash_mismatch, bad_signature, chunk_hash, incomplete, expired, downgrade, wrong_model, ... */
                                code: string;
                                meterId: string;
                                reason: string | null;
                                /** @enum {string} */
                                state: "pending" | "downloading" | "downloaded" | "verified" | "updating" | "updated" | "failed" | "rolled_back" | "cancelled";
                            }[];
                            firmwareId: number;
                            id: number;
                            maxFailurePercent: number;
                            minCredit: number;
                            model: string;
                            /** @description why it is paused: its failure threshold was crossed, or an operator paused it */
                            pauseCode: ("failure_threshold" | "operator") | null;
                            pauseReason: string | null;
                            /** @enum {string} */
                            status: "running" | "paused" | "cancelled" | "completed";
                            total: number;
                            updatedAt: string;
                            version: string;
                            /** @description meters held back: protected hours, supply cut, credit below the margin */
                            waiting: {
                                meterId: string;
                                reason: string;
                            }[];
                            waves: {
                                counts: {
                                    cancelled: number;
                                    downloaded: number;
                                    downloading: number;
                                    failed: number;
                                    pending: number;
                                    rolled_back: number;
                                    updated: number;
                                    updating: number;
                                    verified: number;
                                };
                                meters: number;
                                percent: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firmware/campaigns/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a campaign would do (meters per wave) without starting it: nothing is stored */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        firmwareId: number;
                        maxFailurePercent: number;
                        /** @default 0 */
                        minCredit?: number;
                        target: {
                            area?: string;
                            meters?: string[];
                            model: string;
                        };
                        waves: {
                            percent: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description meters of the target already on this version or newer (left out) */
                            alreadyCurrent: number;
                            firmwareId: number;
                            /** @description meters the campaign would update */
                            meters: number;
                            model: string;
                            version: string;
                            waves: {
                                meters: number;
                                percent: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firmware/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign: state, counts per meter state and per wave, failures with reasons */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                cancelled: number;
                                downloaded: number;
                                downloading: number;
                                failed: number;
                                pending: number;
                                rolled_back: number;
                                updated: number;
                                updating: number;
                                verified: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            /** @description 0-based */
                            currentWave: number;
                            /** @description the first 200 failed or rolled-back meters */
                            failures: {
                                /** @description reason code: rolled_back, hash_mismatch, bad_signature, chunk_hash, incomplete, expired, downgrade, wrong_model, ... */
                                code: string;
                                meterId: string;
                                reason: string | null;
                                /** @enum {string} */
                                state: "pending" | "downloading" | "downloaded" | "verified" | "updating" | "updated" | "failed" | "rolled_back" | "cancelled";
                            }[];
                            firmwareId: number;
                            id: number;
                            maxFailurePercent: number;
                            minCredit: number;
                            model: string;
                            /** @description why it is paused: its failure threshold was crossed, or an operator paused it */
                            pauseCode: ("failure_threshold" | "operator") | null;
                            pauseReason: string | null;
                            /** @enum {string} */
                            status: "running" | "paused" | "cancelled" | "completed";
                            total: number;
                            updatedAt: string;
                            version: string;
                            /** @description meters held back: protected hours, supply cut, credit below the margin */
                            waiting: {
                                meterId: string;
                                reason: string;
                            }[];
                            waves: {
                                counts: {
                                    cancelled: number;
                                    downloaded: number;
                                    downloading: number;
                                    failed: number;
                                    pending: number;
                                    rolled_back: number;
                                    updated: number;
                                    updating: number;
                                    verified: number;
                                };
                                meters: number;
                                percent: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firmware/campaigns/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a campaign */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                cancelled: number;
                                downloaded: number;
                                downloading: number;
                                failed: number;
                                pending: number;
                                rolled_back: number;
                                updated: number;
                                updating: number;
                                verified: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            /** @description 0-based */
                            currentWave: number;
                            /** @description the first 200 failed or rolled-back meters */
                            failures: {
                                /** @description reason code: rolled_back, hash_mismatch, bad_signature, chunk_hash, incomplete, expired, downgrade, wrong_model, ... */
                                code: string;
                                meterId: string;
                                reason: string | null;
                                /** @enum {string} */
                                state: "pending" | "downloading" | "downloaded" | "verified" | "updating" | "updated" | "failed" | "rolled_back" | "cancelled";
                            }[];
                            firmwareId: number;
                            id: number;
                            maxFailurePercent: number;
                            minCredit: number;
                            model: string;
                            /** @description why it is paused: its failure threshold was crossed, or an operator paused it */
                            pauseCode: ("failure_threshold" | "operator") | null;
                            pauseReason: string | null;
                            /** @enum {string} */
                            status: "running" | "paused" | "cancelled" | "completed";
                            total: number;
                            updatedAt: string;
                            version: string;
                            /** @description meters held back: protected hours, supply cut, credit below the margin */
                            waiting: {
                                meterId: string;
                                reason: string;
                            }[];
                            waves: {
                                counts: {
                                    cancelled: number;
                                    downloaded: number;
                                    downloading: number;
                                    failed: number;
                                    pending: number;
                                    rolled_back: number;
                                    updated: number;
                                    updating: number;
                                    verified: number;
                                };
                                meters: number;
                                percent: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firmware/campaigns/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a campaign */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                cancelled: number;
                                downloaded: number;
                                downloading: number;
                                failed: number;
                                pending: number;
                                rolled_back: number;
                                updated: number;
                                updating: number;
                                verified: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            /** @description 0-based */
                            currentWave: number;
                            /** @description the first 200 failed or rolled-back meters */
                            failures: {
                                /** @description reason code: rolled_back, hash_mismatch, bad_signature, chunk_hash, incomplete, expired, downgrade, wrong_model, ... */
                                code: string;
                                meterId: string;
                                reason: string | null;
                                /** @enum {string} */
                                state: "pending" | "downloading" | "downloaded" | "verified" | "updating" | "updated" | "failed" | "rolled_back" | "cancelled";
                            }[];
                            firmwareId: number;
                            id: number;
                            maxFailurePercent: number;
                            minCredit: number;
                            model: string;
                            /** @description why it is paused: its failure threshold was crossed, or an operator paused it */
                            pauseCode: ("failure_threshold" | "operator") | null;
                            pauseReason: string | null;
                            /** @enum {string} */
                            status: "running" | "paused" | "cancelled" | "completed";
                            total: number;
                            updatedAt: string;
                            version: string;
                            /** @description meters held back: protected hours, supply cut, credit below the margin */
                            waiting: {
                                meterId: string;
                                reason: string;
                            }[];
                            waves: {
                                counts: {
                                    cancelled: number;
                                    downloaded: number;
                                    downloading: number;
                                    failed: number;
                                    pending: number;
                                    rolled_back: number;
                                    updated: number;
                                    updating: number;
                                    verified: number;
                                };
                                meters: number;
                                percent: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firmware/campaigns/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a campaign */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                cancelled: number;
                                downloaded: number;
                                downloading: number;
                                failed: number;
                                pending: number;
                                rolled_back: number;
                                updated: number;
                                updating: number;
                                verified: number;
                            };
                            createdAt: string;
                            createdBy: string;
                            /** @description 0-based */
                            currentWave: number;
                            /** @description the first 200 failed or rolled-back meters */
                            failures: {
                                /** @description reason code: rolled_back, hash_mismatch, bad_signature, chunk_hash, incomplete, expired, downgrade, wrong_model, ... */
                                code: string;
                                meterId: string;
                                reason: string | null;
                                /** @enum {string} */
                                state: "pending" | "downloading" | "downloaded" | "verified" | "updating" | "updated" | "failed" | "rolled_back" | "cancelled";
                            }[];
                            firmwareId: number;
                            id: number;
                            maxFailurePercent: number;
                            minCredit: number;
                            model: string;
                            /** @description why it is paused: its failure threshold was crossed, or an operator paused it */
                            pauseCode: ("failure_threshold" | "operator") | null;
                            pauseReason: string | null;
                            /** @enum {string} */
                            status: "running" | "paused" | "cancelled" | "completed";
                            total: number;
                            updatedAt: string;
                            version: string;
                            /** @description meters held back: protected hours, supply cut, credit below the margin */
                            waiting: {
                                meterId: string;
                                reason: string;
                            }[];
                            waves: {
                                counts: {
                                    cancelled: number;
                                    downloaded: number;
                                    downloading: number;
                                    failed: number;
                                    pending: number;
                                    rolled_back: number;
                                    updated: number;
                                    updating: number;
                                    verified: number;
                                };
                                meters: number;
                                percent: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/load-by-area": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Total consumption per area and service, per interval */
        get: {
            parameters: {
                query?: {
                    /** @description default: 24 hours before `to` */
                    from?: string;
                    /** @description default: now */
                    to?: string;
                    /** @description default: 1h */
                    every?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            areas: {
                                area: string;
                                buckets: {
                                    end: string;
                                    readings: number;
                                    start: string;
                                    used: number;
                                }[];
                                meters: number;
                                service: string;
                                total: number;
                                unit: string;
                            }[];
                            everyMs: number;
                            from: string;
                            /** @enum {string} */
                            source: "sql" | "influx";
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/silent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Registered meters not heard from for more than N minutes (or never) */
        get: {
            parameters: {
                query?: {
                    minutes?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            meters: {
                                area: string;
                                lastSeen: string | null;
                                meterId: string;
                                service: string;
                                silentForMinutes: number | null;
                            }[];
                            olderThanMinutes: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fleet/top-consumers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The meters that used most in a range */
        get: {
            parameters: {
                query?: {
                    /** @description default: 24 hours before `to` */
                    from?: string;
                    /** @description default: now */
                    to?: string;
                    n?: number;
                    /** @description recommended: Wh and litres do not compare */
                    service?: "electricity" | "water";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            meters: {
                                area: string;
                                meterId: string;
                                readings: number;
                                service: string;
                                unit: string;
                                used: number;
                            }[];
                            /** @enum {string} */
                            source: "sql" | "influx";
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live updates (Server-Sent Events): `meters` (changed meters) and `commands` (command progress)
         * @description EventSource cannot send headers: pass a single-use `ticket` (POST /api/v1/tickets, valid 60 s). Subscribers receive only their own meters.
         */
        get: {
            parameters: {
                query?: {
                    ticket?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description areas an operator may see and act on; empty: every area */
                            areas?: string[];
                            displayName: string | null;
                            id: number;
                            locale: string;
                            /** @enum {string} */
                            role: "admin" | "supervisor" | "operator" | "call_centre" | "cashier" | "field_technician" | "viewer" | "subscriber";
                            subscriberId: number | null;
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The subscriber's message language, contacts and opt-outs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string | null;
                            /** @enum {string} */
                            language: "ar" | "en";
                            /** @description kinds this subscriber does not want */
                            optOut: string[];
                            /** @description kinds a subscriber may opt out of (receipts and notices always go) */
                            optional: string[];
                            phone: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Set the message language (ar, en) and the kinds not wanted (only optional kinds; audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        language?: "ar" | "en";
                        optOut?: ("credit_low" | "leak")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string | null;
                            /** @enum {string} */
                            language: "ar" | "en";
                            /** @description kinds this subscriber does not want */
                            optOut: string[];
                            /** @description kinds a subscriber may opt out of (receipts and notices always go) */
                            optional: string[];
                            phone: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change my own password (my other sessions end) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Meters with online state, latest reading, credit and relay (operators: all; subscribers: their own) */
        get: {
            parameters: {
                query?: {
                    area?: string;
                    service?: "electricity" | "water";
                    online?: "true" | "false";
                    /** @description search meter number, subscriber name or area */
                    q?: string;
                    status?: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            meters: {
                                area: string;
                                /** @description remaining credit: Wh for electricity, litres for water */
                                credit: number | null;
                                emergencyCredit: boolean;
                                /** @description the firmware version the meter last reported in its telemetry */
                                firmwareVersion: string | null;
                                /** @description whether the meter has MQTT credentials (never the password) */
                                hasCredentials: boolean;
                                id: string;
                                /** @description when the gateway last heard from the meter */
                                lastSeen: string | null;
                                latestReading: {
                                    currentA: number | null;
                                    flowLph: number | null;
                                    powerW: number | null;
                                    register: number;
                                    seq: number;
                                    ts: string;
                                    voltageV: number | null;
                                } | null;
                                lowCredit: boolean;
                                model: string | null;
                                online: boolean;
                                protectedCategory: string | null;
                                relay: ("closed" | "open" | "armed") | null;
                                relayNeedsButton: boolean;
                                /** @enum {string} */
                                service: "electricity" | "water";
                                /** @enum {string} */
                                status: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                                /** @description STS parameters (never keys) */
                                sts: {
                                    baseDate?: number;
                                    dkga?: string;
                                    ea?: string;
                                    keyType?: number;
                                    krn?: number;
                                    sgc?: string;
                                    ti?: number;
                                };
                                subscriberId: number | null;
                                subscriberName: string | null;
                                tamper: boolean;
                                tariffClass: string;
                                /** @enum {string} */
                                transport: "mqtt" | "serial";
                                /** @enum {string} */
                                unit: "Wh" | "L";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a meter (in stock by default); STS parameters are stored, its decoder key is derived in the key store and never returned */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        area: string;
                        id: string;
                        model?: string;
                        relayNeedsButton?: boolean;
                        /** @enum {string} */
                        service: "electricity" | "water";
                        /**
                         * @default in_stock
                         * @enum {string}
                         */
                        status?: "in_stock" | "installed" | "active";
                        sts?: {
                            baseDate: 1993 | 2014 | 2035;
                            /** @enum {string} */
                            dkga?: "02" | "04";
                            /** @enum {string} */
                            ea?: "STA" | "DEA" | "MISTY1";
                            keyType: number;
                            /** @description key revision number */
                            krn: number;
                            sgc: string | number;
                            /** @description tariff index */
                            ti: number;
                        };
                        tariffClass?: string;
                        /**
                         * @default mqtt
                         * @enum {string}
                         */
                        transport?: "mqtt" | "serial";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            area: string;
                            /** @description remaining credit: Wh for electricity, litres for water */
                            credit: number | null;
                            emergencyCredit: boolean;
                            /** @description the firmware version the meter last reported in its telemetry */
                            firmwareVersion: string | null;
                            /** @description whether the meter has MQTT credentials (never the password) */
                            hasCredentials: boolean;
                            id: string;
                            /** @description when the gateway last heard from the meter */
                            lastSeen: string | null;
                            latestReading: {
                                currentA: number | null;
                                flowLph: number | null;
                                powerW: number | null;
                                register: number;
                                seq: number;
                                ts: string;
                                voltageV: number | null;
                            } | null;
                            lowCredit: boolean;
                            model: string | null;
                            online: boolean;
                            protectedCategory: string | null;
                            relay: ("closed" | "open" | "armed") | null;
                            relayNeedsButton: boolean;
                            /** @enum {string} */
                            service: "electricity" | "water";
                            /** @enum {string} */
                            status: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                            /** @description STS parameters (never keys) */
                            sts: {
                                baseDate?: number;
                                dkga?: string;
                                ea?: string;
                                keyType?: number;
                                krn?: number;
                                sgc?: string;
                                ti?: number;
                            };
                            subscriberId: number | null;
                            subscriberName: string | null;
                            tamper: boolean;
                            tariffClass: string;
                            /** @enum {string} */
                            transport: "mqtt" | "serial";
                            /** @enum {string} */
                            unit: "Wh" | "L";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/credentials/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Factory batch: new credentials for many meters as CSV (id,password) for the meter vendor to program; audited as one batch */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        meterIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a vendor's delivery (text/csv, header row). All rows are checked first: any bad row → 422 with every {line, field, detail} and nothing imported. Re-importing the same rows changes nothing.
         * @description Columns: id, service, transport, area, model, sts_sgc, sts_ti, sts_krn, sts_key_type, sts_base_date, sts_ea, sts_dkga (id, service and area required). At most 20,000 rows per request.
         */
        post: {
            parameters: {
                query?: {
                    /** @description check only, import nothing */
                    dryRun?: "true" | "false";
                    /** @description file line of this body's header (a client sending a file in parts); error lines count from it */
                    firstLine?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description CSV with a header row */
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            dryRun: boolean;
                            rows: number;
                            unchanged: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errorCount?: number;
                            errors?: {
                                detail: string;
                                field: string;
                                line: number;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One meter */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            area: string;
                            /** @description remaining credit: Wh for electricity, litres for water */
                            credit: number | null;
                            emergencyCredit: boolean;
                            /** @description the firmware version the meter last reported in its telemetry */
                            firmwareVersion: string | null;
                            /** @description whether the meter has MQTT credentials (never the password) */
                            hasCredentials: boolean;
                            id: string;
                            /** @description when the gateway last heard from the meter */
                            lastSeen: string | null;
                            latestReading: {
                                currentA: number | null;
                                flowLph: number | null;
                                powerW: number | null;
                                register: number;
                                seq: number;
                                ts: string;
                                voltageV: number | null;
                            } | null;
                            lowCredit: boolean;
                            model: string | null;
                            online: boolean;
                            protectedCategory: string | null;
                            relay: ("closed" | "open" | "armed") | null;
                            relayNeedsButton: boolean;
                            /** @enum {string} */
                            service: "electricity" | "water";
                            /** @enum {string} */
                            status: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                            /** @description STS parameters (never keys) */
                            sts: {
                                baseDate?: number;
                                dkga?: string;
                                ea?: string;
                                keyType?: number;
                                krn?: number;
                                sgc?: string;
                                ti?: number;
                            };
                            subscriberId: number | null;
                            subscriberName: string | null;
                            tamper: boolean;
                            tariffClass: string;
                            /** @enum {string} */
                            transport: "mqtt" | "serial";
                            /** @enum {string} */
                            unit: "Wh" | "L";
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a meter: area, model, tariff class, STS parameters, or its life cycle (in_stock → installed → active ⇄ suspended → decommissioned) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        area?: string;
                        model?: string | null;
                        relayNeedsButton?: boolean;
                        /** @enum {string} */
                        status?: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                        sts?: {
                            baseDate: 1993 | 2014 | 2035;
                            /** @enum {string} */
                            dkga?: "02" | "04";
                            /** @enum {string} */
                            ea?: "STA" | "DEA" | "MISTY1";
                            keyType: number;
                            /** @description key revision number */
                            krn: number;
                            sgc: string | number;
                            /** @description tariff index */
                            ti: number;
                        };
                        tariffClass?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            area: string;
                            /** @description remaining credit: Wh for electricity, litres for water */
                            credit: number | null;
                            emergencyCredit: boolean;
                            /** @description the firmware version the meter last reported in its telemetry */
                            firmwareVersion: string | null;
                            /** @description whether the meter has MQTT credentials (never the password) */
                            hasCredentials: boolean;
                            id: string;
                            /** @description when the gateway last heard from the meter */
                            lastSeen: string | null;
                            latestReading: {
                                currentA: number | null;
                                flowLph: number | null;
                                powerW: number | null;
                                register: number;
                                seq: number;
                                ts: string;
                                voltageV: number | null;
                            } | null;
                            lowCredit: boolean;
                            model: string | null;
                            online: boolean;
                            protectedCategory: string | null;
                            relay: ("closed" | "open" | "armed") | null;
                            relayNeedsButton: boolean;
                            /** @enum {string} */
                            service: "electricity" | "water";
                            /** @enum {string} */
                            status: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                            /** @description STS parameters (never keys) */
                            sts: {
                                baseDate?: number;
                                dkga?: string;
                                ea?: string;
                                keyType?: number;
                                krn?: number;
                                sgc?: string;
                                ti?: number;
                            };
                            subscriberId: number | null;
                            subscriberName: string | null;
                            tamper: boolean;
                            tariffClass: string;
                            /** @enum {string} */
                            transport: "mqtt" | "serial";
                            /** @enum {string} */
                            unit: "Wh" | "L";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/meters/{id}/arrears": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign arrears to a meter's account; later top-ups recover them at the tariff's debt share */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: string;
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description decimal in major units of the utility currency, e.g. "5.000" */
                            arrears: string;
                            currency: string;
                            meterId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meter's cases (newest open first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            area: string | null;
                            assignee: string | null;
                            autoCause: string | null;
                            /** @description how many times the meter reported the cause while this case was open */
                            autoCount: number;
                            breachedAt: string | null;
                            caller: {
                                name: string | null;
                                phone: string | null;
                            } | null;
                            category: string;
                            categoryName: {
                                ar: string;
                                en: string;
                            };
                            /** @enum {string} */
                            channel: "call_centre" | "portal" | "walk_in" | "app" | "meter_event";
                            /**
                             * @description running while the case waits for an answer
                             * @enum {string}
                             */
                            clock: "running" | "stopped";
                            closedAt: string | null;
                            /** @description owed to the subscriber when a guaranteed standard was missed (minor units) */
                            compensationMinor: number | null;
                            createdAt: string;
                            createdBy: string;
                            department: string;
                            description: string;
                            dueAt: string;
                            /** @description the deadline in the utility's time zone */
                            dueAtLocal: string;
                            escalatedAt: string | null;
                            /** @enum {string} */
                            kind: "complaint" | "request" | "enquiry";
                            meterId: string | null;
                            /** @description CS-XXXX-XXXX-C: read out on the phone; the last character is a check character */
                            reference: string;
                            reopenCount: number;
                            reply: string | null;
                            /** @enum {string} */
                            state: "new" | "assigned" | "in_progress" | "answered" | "closed" | "reopened";
                            subscriberId: number | null;
                            /** @description negative when overdue; null once answered */
                            timeLeftSeconds: number | null;
                            usedPercent: number | null;
                            warnAt: string;
                        }[];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meter's command history, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    type?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            commands: {
                                acknowledgedAt: string | null;
                                action: string | null;
                                attempts: number;
                                createdAt: string;
                                detail: string | null;
                                expiresAt: string;
                                finishedAt: string | null;
                                issuer: string;
                                meterId: string;
                                note: string | null;
                                reason: string | null;
                                reference: string;
                                /** @description the meter's own result (relay state, STS result or failure reason) */
                                result: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                /** @description command kind: token, relay, timeSync, or a kind a module added */
                                type: string;
                            }[];
                            meterId: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/consumption": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Energy (Wh) or water (L) used per interval, from register differences (resets and gaps handled)
         * @description A difference spanning missing readings is attributed to the interval of the later reading; a register that went down (reset) counts from zero to its new value.
         */
        get: {
            parameters: {
                query?: {
                    /** @description default: 24 hours before `to` */
                    from?: string;
                    /** @description default: now */
                    to?: string;
                    /** @description default: 1h */
                    every?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            buckets: {
                                end: string;
                                readings: number;
                                start: string;
                                used: number;
                            }[];
                            everyMs: number;
                            from: string;
                            meterId: string;
                            /** @enum {string} */
                            source: "sql" | "influx";
                            to: string;
                            total: number;
                            /** @enum {string} */
                            unit: "Wh" | "L" | "unknown";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue the meter's MQTT credentials (username = meter number), shown once. Calling again rotates: the old password stops working and a live session is dropped. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown once; only a hash is kept */
                            password: string;
                            rotated: boolean;
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Revoke the meter's MQTT credentials: its live session is dropped and reconnects are refused */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/disconnect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cut supply: evaluated by the disconnection policy (409 names the refusing rule; a deferral is scheduled and says until when) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description only evaluate the policy: nothing is stored or sent */
                        dryRun?: boolean;
                        /** @description seconds the head end keeps trying to reach the meter (default 24 h) */
                        expiresInSeconds?: number;
                        note: string;
                        /** @enum {string} */
                        reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "other";
                        /** @description a deferred cut is scheduled and carried out when allowed (default true); false: only reported (409) */
                        schedule?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            command: {
                                acknowledgedAt: string | null;
                                action: string | null;
                                attempts: number;
                                createdAt: string;
                                detail: string | null;
                                expiresAt: string;
                                finishedAt: string | null;
                                issuer: string;
                                meterId: string;
                                note: string | null;
                                reason: string | null;
                                reference: string;
                                /** @description the meter's own result (relay state, STS result or failure reason) */
                                result: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                /** @description command kind: token, relay, timeSync, or a kind a module added */
                                type: string;
                            } | null;
                            decision: {
                                /** @enum {string} */
                                action: "disconnect" | "reconnect";
                                alternatives: string[];
                                decidingRule: string | null;
                                detail: string;
                                evaluatedAt: string;
                                meterId: string;
                                /** @enum {string} */
                                outcome: "allow" | "refuse" | "defer" | "approval_required";
                                policy: {
                                    utility: string;
                                    version: number;
                                };
                                /** @enum {string} */
                                reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                until: string | null;
                                untilLocal: string | null;
                                verdicts: {
                                    detail: string;
                                    rule: string;
                                    until?: string;
                                    verdict: string;
                                }[];
                            };
                            meterId: string;
                            requestId: number | null;
                            scheduledFor: string | null;
                            /** @enum {string} */
                            status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            command: {
                                acknowledgedAt: string | null;
                                action: string | null;
                                attempts: number;
                                createdAt: string;
                                detail: string | null;
                                expiresAt: string;
                                finishedAt: string | null;
                                issuer: string;
                                meterId: string;
                                note: string | null;
                                reason: string | null;
                                reference: string;
                                /** @description the meter's own result (relay state, STS result or failure reason) */
                                result: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                /** @description command kind: token, relay, timeSync, or a kind a module added */
                                type: string;
                            } | null;
                            decision: {
                                /** @enum {string} */
                                action: "disconnect" | "reconnect";
                                alternatives: string[];
                                decidingRule: string | null;
                                detail: string;
                                evaluatedAt: string;
                                meterId: string;
                                /** @enum {string} */
                                outcome: "allow" | "refuse" | "defer" | "approval_required";
                                policy: {
                                    utility: string;
                                    version: number;
                                };
                                /** @enum {string} */
                                reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                until: string | null;
                                untilLocal: string | null;
                                verdicts: {
                                    detail: string;
                                    rule: string;
                                    until?: string;
                                    verdict: string;
                                }[];
                            };
                            meterId: string;
                            requestId: number | null;
                            scheduledFor: string | null;
                            /** @enum {string} */
                            status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meter's events, newest first: tokens entered (keypad or remote) and their results, relay changes and why, tamper, alarms */
        get: {
            parameters: {
                query?: {
                    /** @description default: 30 days before `to` */
                    from?: string;
                    /** @description default: now */
                    to?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: ({
                                seq: number;
                                ts: string;
                                type: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            from: string;
                            meterId: string;
                            /** @enum {string} */
                            source: "sql" | "influx";
                            to: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/final-notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a final notice before a cut for non-payment (the policy's notice rule counts from it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description arrears in the currency's minor units (baisa for OMR) */
                        debtMinor?: number;
                        /**
                         * Format: date-time
                         * @description when the notice was served (default now)
                         */
                        issuedAt?: string;
                        note: string;
                        unpaidInvoices?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            issuedAt: string;
                            meterId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/firmware": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The meter's model and firmware version as last reported */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            meterId: string;
                            model: string;
                            reportedAt: string;
                            version: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Record a meter's model and firmware version (import from asset records; devices also report it when offered an update) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        model: string;
                        version: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            meterId: string;
                            model: string;
                            reportedAt: string;
                            version: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/flow-limit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Limit a water meter's flow (the alternative to a cut): a flow_limit command, never below the lifeline (a limit under it, 0 included, is 400); protected subscribers and the policy's time rules apply (409 policy-refused / policy-deferred). Idempotent by the Idempotency-Key header */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresInSeconds?: number;
                        /** @description the flow allowed (L/h); default the rule set's lifeline */
                        litresPerHour?: number;
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                } | null;
                                /** @enum {string} */
                                kind: "flow_limit" | "flow_restore" | "reminder";
                                litresPerHour: number | null;
                                meterId: string;
                                note: string | null;
                                reference: string;
                                requestedAt: string;
                                requestedBy: string;
                                triggerRef: string | null;
                            };
                            replayed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                } | null;
                                /** @enum {string} */
                                kind: "flow_limit" | "flow_restore" | "reminder";
                                litresPerHour: number | null;
                                meterId: string;
                                note: string | null;
                                reference: string;
                                requestedAt: string;
                                requestedBy: string;
                                triggerRef: string | null;
                            };
                            replayed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/flow-limit/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a water meter's flow limit (never blocked by the policy); also happens by itself when credit arrives. Idempotent by the Idempotency-Key header */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                } | null;
                                /** @enum {string} */
                                kind: "flow_limit" | "flow_restore" | "reminder";
                                litresPerHour: number | null;
                                meterId: string;
                                note: string | null;
                                reference: string;
                                requestedAt: string;
                                requestedBy: string;
                                triggerRef: string | null;
                            };
                            replayed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                } | null;
                                /** @enum {string} */
                                kind: "flow_limit" | "flow_restore" | "reminder";
                                litresPerHour: number | null;
                                meterId: string;
                                note: string | null;
                                reference: string;
                                requestedAt: string;
                                requestedBy: string;
                                triggerRef: string | null;
                            };
                            replayed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/reconnect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore supply: never blocked by the policy */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description only evaluate the policy: nothing is stored or sent */
                        dryRun?: boolean;
                        /** @description seconds the head end keeps trying to reach the meter (default 24 h) */
                        expiresInSeconds?: number;
                        note: string;
                        /** @enum {string} */
                        reason: "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "customer_request" | "other";
                        /** @description a deferred cut is scheduled and carried out when allowed (default true); false: only reported (409) */
                        schedule?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            command: {
                                acknowledgedAt: string | null;
                                action: string | null;
                                attempts: number;
                                createdAt: string;
                                detail: string | null;
                                expiresAt: string;
                                finishedAt: string | null;
                                issuer: string;
                                meterId: string;
                                note: string | null;
                                reason: string | null;
                                reference: string;
                                /** @description the meter's own result (relay state, STS result or failure reason) */
                                result: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                /** @description command kind: token, relay, timeSync, or a kind a module added */
                                type: string;
                            } | null;
                            decision: {
                                /** @enum {string} */
                                action: "disconnect" | "reconnect";
                                alternatives: string[];
                                decidingRule: string | null;
                                detail: string;
                                evaluatedAt: string;
                                meterId: string;
                                /** @enum {string} */
                                outcome: "allow" | "refuse" | "defer" | "approval_required";
                                policy: {
                                    utility: string;
                                    version: number;
                                };
                                /** @enum {string} */
                                reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                until: string | null;
                                untilLocal: string | null;
                                verdicts: {
                                    detail: string;
                                    rule: string;
                                    until?: string;
                                    verdict: string;
                                }[];
                            };
                            meterId: string;
                            requestId: number | null;
                            scheduledFor: string | null;
                            /** @enum {string} */
                            status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            command: {
                                acknowledgedAt: string | null;
                                action: string | null;
                                attempts: number;
                                createdAt: string;
                                detail: string | null;
                                expiresAt: string;
                                finishedAt: string | null;
                                issuer: string;
                                meterId: string;
                                note: string | null;
                                reason: string | null;
                                reference: string;
                                /** @description the meter's own result (relay state, STS result or failure reason) */
                                result: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                /** @description command kind: token, relay, timeSync, or a kind a module added */
                                type: string;
                            } | null;
                            decision: {
                                /** @enum {string} */
                                action: "disconnect" | "reconnect";
                                alternatives: string[];
                                decidingRule: string | null;
                                detail: string;
                                evaluatedAt: string;
                                meterId: string;
                                /** @enum {string} */
                                outcome: "allow" | "refuse" | "defer" | "approval_required";
                                policy: {
                                    utility: string;
                                    version: number;
                                };
                                /** @enum {string} */
                                reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                until: string | null;
                                untilLocal: string | null;
                                verdicts: {
                                    detail: string;
                                    rule: string;
                                    until?: string;
                                    verdict: string;
                                }[];
                            };
                            meterId: string;
                            requestId: number | null;
                            scheduledFor: string | null;
                            /** @enum {string} */
                            status: "executed" | "refused" | "scheduled" | "deferred" | "pending_approval" | "preview" | "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the subscriber a payment reminder (SMS / e-mail in their language through the notifications outbox). Idempotency-Key required: the same key answers the same reference and sends nothing more */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                } | null;
                                /** @enum {string} */
                                kind: "flow_limit" | "flow_restore" | "reminder";
                                litresPerHour: number | null;
                                meterId: string;
                                note: string | null;
                                reference: string;
                                requestedAt: string;
                                requestedBy: string;
                                triggerRef: string | null;
                            };
                            replayed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                } | null;
                                /** @enum {string} */
                                kind: "flow_limit" | "flow_restore" | "reminder";
                                litresPerHour: number | null;
                                meterId: string;
                                note: string | null;
                                reference: string;
                                requestedAt: string;
                                requestedBy: string;
                                triggerRef: string | null;
                            };
                            replayed: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/topups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meter's top-ups, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            topups: {
                                acceptedVia: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                amount: string;
                                breakdown: {
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    amount: string;
                                    blocks: {
                                        /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                        amount: string;
                                        from: string;
                                        rate: string;
                                        to: string | null;
                                        units: string;
                                    }[];
                                    currency: string;
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    debtRecovered: string;
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    energy: string;
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    energyVat: string;
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    fixedCharge: string;
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    fixedChargeVat: string;
                                    /** @description units bought earlier this tariff month (where the blocks start) */
                                    monthToDateBefore: string;
                                    tariff: string;
                                    /** @enum {string} */
                                    unit: "kWh" | "m3";
                                    /** @description units on the token: kWh or m³, one decimal */
                                    units: string;
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    vat: string;
                                } | null;
                                channel: string;
                                createdAt: string;
                                currency: string;
                                deliveredAt: string | null;
                                finishedAt: string | null;
                                history?: {
                                    at: string;
                                    detail: string | null;
                                    state: string;
                                    step: string;
                                }[];
                                meterId: string;
                                meterResult: string | null;
                                reason: string | null;
                                /** @description quote this reference: T-XXXX-XXXX-C */
                                reference: string;
                                replayed?: boolean;
                                /** @enum {string} */
                                state: "pending" | "delivered" | "accepted" | "rejected" | "failed";
                                /** @description 20-digit STS token in groups of 4 digits */
                                token: string | null;
                                unit: ("kWh" | "m3") | null;
                                units: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Top up a meter: pay an amount, get a reference, breakdown, units and the STS token (Idempotency-Key required) */
        post: {
            parameters: {
                query?: {
                    /** @description wait up to this many ms for the meter's answer */
                    wait?: number;
                };
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: string;
                        currency?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acceptedVia: string | null;
                            /** @description decimal in major units of the utility currency, e.g. "5.000" */
                            amount: string;
                            breakdown: {
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                amount: string;
                                blocks: {
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    amount: string;
                                    from: string;
                                    rate: string;
                                    to: string | null;
                                    units: string;
                                }[];
                                currency: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energy: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energyVat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharge: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedChargeVat: string;
                                /** @description units bought earlier this tariff month (where the blocks start) */
                                monthToDateBefore: string;
                                tariff: string;
                                /** @enum {string} */
                                unit: "kWh" | "m3";
                                /** @description units on the token: kWh or m³, one decimal */
                                units: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            } | null;
                            channel: string;
                            createdAt: string;
                            currency: string;
                            deliveredAt: string | null;
                            finishedAt: string | null;
                            history?: {
                                at: string;
                                detail: string | null;
                                state: string;
                                step: string;
                            }[];
                            meterId: string;
                            meterResult: string | null;
                            reason: string | null;
                            /** @description quote this reference: T-XXXX-XXXX-C */
                            reference: string;
                            replayed?: boolean;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "accepted" | "rejected" | "failed";
                            /** @description 20-digit STS token in groups of 4 digits */
                            token: string | null;
                            unit: ("kWh" | "m3") | null;
                            units: string | null;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acceptedVia: string | null;
                            /** @description decimal in major units of the utility currency, e.g. "5.000" */
                            amount: string;
                            breakdown: {
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                amount: string;
                                blocks: {
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    amount: string;
                                    from: string;
                                    rate: string;
                                    to: string | null;
                                    units: string;
                                }[];
                                currency: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energy: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energyVat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharge: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedChargeVat: string;
                                /** @description units bought earlier this tariff month (where the blocks start) */
                                monthToDateBefore: string;
                                tariff: string;
                                /** @enum {string} */
                                unit: "kWh" | "m3";
                                /** @description units on the token: kWh or m³, one decimal */
                                units: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            } | null;
                            channel: string;
                            createdAt: string;
                            currency: string;
                            deliveredAt: string | null;
                            finishedAt: string | null;
                            history?: {
                                at: string;
                                detail: string | null;
                                state: string;
                                step: string;
                            }[];
                            meterId: string;
                            meterResult: string | null;
                            reason: string | null;
                            /** @description quote this reference: T-XXXX-XXXX-C */
                            reference: string;
                            replayed?: boolean;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "accepted" | "rejected" | "failed";
                            /** @description 20-digit STS token in groups of 4 digits */
                            token: string | null;
                            unit: ("kWh" | "m3") | null;
                            units: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/topups/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a top-up would give now: the tariff breakdown and units, without paying */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: string;
                        currency?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            breakdown: {
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                amount: string;
                                blocks: {
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    amount: string;
                                    from: string;
                                    rate: string;
                                    to: string | null;
                                    units: string;
                                }[];
                                currency: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energy: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energyVat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharge: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedChargeVat: string;
                                /** @description units bought earlier this tariff month (where the blocks start) */
                                monthToDateBefore: string;
                                tariff: string;
                                /** @enum {string} */
                                unit: "kWh" | "m3";
                                /** @description units on the token: kWh or m³, one decimal */
                                units: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            };
                            meterId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meters/{id}/water": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meter's flow state (limited or not, at what rate, since when, by whom), the lifeline, and its recent flow limits and reminders */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                command: {
                                    acknowledgedAt: string | null;
                                    action: string | null;
                                    attempts: number;
                                    createdAt: string;
                                    detail: string | null;
                                    expiresAt: string;
                                    finishedAt: string | null;
                                    issuer: string;
                                    meterId: string;
                                    note: string | null;
                                    reason: string | null;
                                    reference: string;
                                    /** @description the meter's own result (relay state, STS result or failure reason) */
                                    result: string | null;
                                    sentAt: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "sent" | "acknowledged" | "rejected" | "failed" | "expired";
                                    /** @description command kind: token, relay, timeSync, or a kind a module added */
                                    type: string;
                                } | null;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                } | null;
                                /** @enum {string} */
                                kind: "flow_limit" | "flow_restore" | "reminder";
                                litresPerHour: number | null;
                                meterId: string;
                                note: string | null;
                                reference: string;
                                requestedAt: string;
                                requestedBy: string;
                                triggerRef: string | null;
                            }[];
                            flow: {
                                by: string | null;
                                litresPerHour: number | null;
                                reference: string | null;
                                since: string | null;
                                /**
                                 * @description limited: the meter acknowledged a limit; limiting / restoring: the command is on its way
                                 * @enum {string}
                                 */
                                state: "none" | "limiting" | "limited" | "restoring";
                            };
                            lifelineLitresPerHour: number;
                            meterId: string;
                            /** @enum {string} */
                            service: "electricity" | "water";
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages to subscribers (SMS, e-mail, webhook), newest first, with state and attempts; state=dead lists the dead letters */
        get: {
            parameters: {
                query?: {
                    subscriberId?: number;
                    meterId?: string;
                    /** @description dead: the dead letters */
                    state?: "queued" | "sending" | "sent" | "delivered" | "failed" | "dead";
                    channel?: "sms" | "email" | "webhook";
                    beforeId?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description channels this process delivers to; messages of other channels wait in the outbox */
                            configured: string[];
                            counts: {
                                channel: string;
                                n: number;
                                state: string;
                            }[];
                            items: {
                                attempts: number;
                                /** @enum {string} */
                                channel: "sms" | "email" | "webhook";
                                createdAt: string;
                                deliveredAt: string | null;
                                /** @description what caused it: topup:<ref>, cut:<request>, notice:<id>, low_credit:<meter>:<n>, leak:<meter>:<n> */
                                eventKey: string;
                                id: number;
                                kind: string;
                                /** @enum {string} */
                                language: "ar" | "en";
                                lastError: string | null;
                                meterId: string | null;
                                nextAttemptAt: string;
                                /** @description the text with any token masked */
                                preview: string;
                                providerIds: string[];
                                recipient: string;
                                sentAt: string | null;
                                smsEncoding: string | null;
                                smsParts: number | null;
                                /** @enum {string} */
                                state: "queued" | "sending" | "sent" | "delivered" | "failed" | "dead";
                                subject: string | null;
                                subscriberId: number | null;
                                urgent: boolean;
                            }[];
                            nextBeforeId: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a dead or failed message again now (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** @enum {string} */
                            channel: "sms" | "email" | "webhook";
                            createdAt: string;
                            deliveredAt: string | null;
                            /** @description what caused it: topup:<ref>, cut:<request>, notice:<id>, low_credit:<meter>:<n>, leak:<meter>:<n> */
                            eventKey: string;
                            id: number;
                            kind: string;
                            /** @enum {string} */
                            language: "ar" | "en";
                            lastError: string | null;
                            meterId: string | null;
                            nextAttemptAt: string;
                            /** @description the text with any token masked */
                            preview: string;
                            providerIds: string[];
                            recipient: string;
                            sentAt: string | null;
                            smsEncoding: string | null;
                            smsParts: number | null;
                            /** @enum {string} */
                            state: "queued" | "sending" | "sent" | "delivered" | "failed" | "dead";
                            subject: string | null;
                            subscriberId: number | null;
                            urgent: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The disconnection policy in force: the rule set (versioned, per utility) with its calendar */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ruleSet: {
                                calendar: {
                                    holidays: {
                                        date: string;
                                        name: string;
                                        nameAr?: string;
                                    }[];
                                    periods: {
                                        from: string;
                                        /** @enum {string} */
                                        kind: "ramadan" | "exams" | "summer" | "other";
                                        name: string;
                                        nameAr?: string;
                                        to: string;
                                    }[];
                                    /** @default [] */
                                    sources: string[];
                                };
                                currency: string;
                                currencyExponent: number;
                                description?: string;
                                name: string;
                                rules: {
                                    bulkApproval: {
                                        enabled: boolean;
                                        /** @description bulk cuts of more meters than this need a second operator */
                                        threshold: number;
                                    };
                                    calendarPeriods: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        kinds: ("ramadan" | "exams" | "summer" | "other")[];
                                    };
                                    heat: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        recheckMinutes: number;
                                        thresholdC: number;
                                        /** @enum {string} */
                                        whenUnknown: "allow" | "defer";
                                    };
                                    holidays: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                    };
                                    lastWorkingDay: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                    };
                                    notice: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        days: number;
                                        enabled: boolean;
                                        services: ("electricity" | "water")[];
                                    };
                                    protectedSubscribers: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        categories: string[];
                                        enabled: boolean;
                                        maxDebtMinor: number | null;
                                        maxUnpaidInvoices: number | null;
                                    };
                                    quietHours: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        from: string;
                                        to: string;
                                    };
                                    rateLimit: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        maxPerHourPerArea: number;
                                    };
                                    serviceType: {
                                        /**
                                         * @default [
                                         *       "flow_limit",
                                         *       "reminder"
                                         *     ]
                                         */
                                        alternatives: ("flow_limit" | "reminder" | "payment_plan" | "court")[];
                                        /**
                                         * @description cannot be switched off: water is never cut for non-payment
                                         * @enum {boolean}
                                         */
                                        enabled: true;
                                        /** @default 30 */
                                        lifelineLitresPerHour: number;
                                        neverCut: {
                                            reasons: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                            /** @enum {string} */
                                            service: "electricity" | "water";
                                        }[];
                                    };
                                    weekend: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        /** @description 0 = Sunday … 5 = Friday, 6 = Saturday */
                                        days: number[];
                                        enabled: boolean;
                                    };
                                };
                                timeZone: string;
                                utility: string;
                                version: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        /** Install a new version of the rule set (admin; validated; the version must grow) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ruleSet: {
                                calendar: {
                                    holidays: {
                                        date: string;
                                        name: string;
                                        nameAr?: string;
                                    }[];
                                    periods: {
                                        from: string;
                                        /** @enum {string} */
                                        kind: "ramadan" | "exams" | "summer" | "other";
                                        name: string;
                                        nameAr?: string;
                                        to: string;
                                    }[];
                                    /** @default [] */
                                    sources: string[];
                                };
                                currency: string;
                                currencyExponent: number;
                                description?: string;
                                name: string;
                                rules: {
                                    bulkApproval: {
                                        enabled: boolean;
                                        /** @description bulk cuts of more meters than this need a second operator */
                                        threshold: number;
                                    };
                                    calendarPeriods: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        kinds: ("ramadan" | "exams" | "summer" | "other")[];
                                    };
                                    heat: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        recheckMinutes: number;
                                        thresholdC: number;
                                        /** @enum {string} */
                                        whenUnknown: "allow" | "defer";
                                    };
                                    holidays: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                    };
                                    lastWorkingDay: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                    };
                                    notice: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        days: number;
                                        enabled: boolean;
                                        services: ("electricity" | "water")[];
                                    };
                                    protectedSubscribers: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        categories: string[];
                                        enabled: boolean;
                                        maxDebtMinor: number | null;
                                        maxUnpaidInvoices: number | null;
                                    };
                                    quietHours: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        from: string;
                                        to: string;
                                    };
                                    rateLimit: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        enabled: boolean;
                                        maxPerHourPerArea: number;
                                    };
                                    serviceType: {
                                        /**
                                         * @default [
                                         *       "flow_limit",
                                         *       "reminder"
                                         *     ]
                                         */
                                        alternatives: ("flow_limit" | "reminder" | "payment_plan" | "court")[];
                                        /**
                                         * @description cannot be switched off: water is never cut for non-payment
                                         * @enum {boolean}
                                         */
                                        enabled: true;
                                        /** @default 30 */
                                        lifelineLitresPerHour: number;
                                        neverCut: {
                                            reasons: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                            /** @enum {string} */
                                            service: "electricity" | "water";
                                        }[];
                                    };
                                    weekend: {
                                        /** @description cut reasons this rule applies to */
                                        appliesTo: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other")[];
                                        /** @description 0 = Sunday … 5 = Friday, 6 = Saturday */
                                        days: number[];
                                        enabled: boolean;
                                    };
                                };
                                timeZone: string;
                                utility: string;
                                version: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/heat-overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Manual heat overrides in force or to come */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            overrides: {
                                area: string;
                                from: string;
                                id: number;
                                note: string | null;
                                setBy: string;
                                /** @enum {string} */
                                state: "hot" | "normal" | "cleared";
                                until: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Declare a heat wave for an area ('*' for all: no cuts), lift the heat rule (normal), or clear an override */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        area: string;
                        note: string;
                        /** @enum {string} */
                        state: "hot" | "normal" | "cleared";
                        /** Format: date-time */
                        until?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            area: string;
                            from: string;
                            id: number;
                            note: string | null;
                            setBy: string;
                            /** @enum {string} */
                            state: "hot" | "normal" | "cleared";
                            until: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What the policy would answer for one cut or reconnect (now, or at a given time); changes nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default disconnect
                         * @enum {string}
                         */
                        action?: "disconnect" | "reconnect";
                        /** Format: date-time */
                        at?: string;
                        meterId: string;
                        reason: ("non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "other") | ("payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "customer_request" | "other");
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            action: "disconnect" | "reconnect";
                            alternatives: string[];
                            decidingRule: string | null;
                            detail: string;
                            evaluatedAt: string;
                            meterId: string;
                            /** @enum {string} */
                            outcome: "allow" | "refuse" | "defer" | "approval_required";
                            policy: {
                                utility: string;
                                version: number;
                            };
                            /** @enum {string} */
                            reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                            until: string | null;
                            untilLocal: string | null;
                            verdicts: {
                                detail: string;
                                rule: string;
                                until?: string;
                                verdict: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/scheduled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deferred cuts waiting for the policy to allow them, soonest first */
        get: {
            parameters: {
                query?: {
                    meterId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scheduled: {
                                action: string;
                                decision: {
                                    /** @enum {string} */
                                    action: "disconnect" | "reconnect";
                                    alternatives: string[];
                                    decidingRule: string | null;
                                    detail: string;
                                    evaluatedAt: string;
                                    meterId: string;
                                    /** @enum {string} */
                                    outcome: "allow" | "refuse" | "defer" | "approval_required";
                                    policy: {
                                        utility: string;
                                        version: number;
                                    };
                                    /** @enum {string} */
                                    reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                    until: string | null;
                                    untilLocal: string | null;
                                    verdicts: {
                                        detail: string;
                                        rule: string;
                                        until?: string;
                                        verdict: string;
                                    }[];
                                };
                                id: number;
                                meterId: string;
                                note: string;
                                reason: string;
                                requestedAt: string;
                                requestedBy: string;
                                scheduledFor: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/scheduled/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a scheduled (deferred) cut, with a note saying why; audited. 409 when it is no longer scheduled */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            meterId: string;
                            /** @enum {string} */
                            status: "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/scheduled/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a scheduled cut to another time, re-evaluated by the policy for that time: moved there, or later when the policy defers it then (scheduledFor says when); 409 when the policy would refuse it then (nothing changes). Audited */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description the new time (future, within a year)
                         */
                        at: string;
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decision: {
                                /** @enum {string} */
                                action: "disconnect" | "reconnect";
                                alternatives: string[];
                                decidingRule: string | null;
                                detail: string;
                                evaluatedAt: string;
                                meterId: string;
                                /** @enum {string} */
                                outcome: "allow" | "refuse" | "defer" | "approval_required";
                                policy: {
                                    utility: string;
                                    version: number;
                                };
                                /** @enum {string} */
                                reason: "non_payment" | "safety" | "tamper" | "fraud" | "customer_request" | "move_out" | "maintenance" | "payment_received" | "wrongful_cut_correction" | "safety_cleared" | "tamper_cleared" | "maintenance_done" | "other";
                                until: string | null;
                                untilLocal: string | null;
                                verdicts: {
                                    detail: string;
                                    rule: string;
                                    until?: string;
                                    verdict: string;
                                }[];
                            };
                            id: number;
                            meterId: string;
                            requested: string;
                            scheduledFor: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every installed version of the rule set, newest first (the one in force marked); the shipped default when none was installed */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            versions: {
                                inForce: boolean;
                                installedAt: string | null;
                                installedBy: string | null;
                                name: string | null;
                                utility: string;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reconciliation per day and per meter: payments = tokens issued + fees + debt recovered (+ in flight + refunds owed) */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD in the utility time zone (default today) */
                    from?: string;
                    /** @description last day, inclusive (default from) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allTxnsBalance: boolean;
                            balanced: boolean;
                            byDay: {
                                balanced: boolean;
                                day: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fees: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                inFlight: string;
                                meterId: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                payments: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refundsOwed: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refundsPaid: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                tokens: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                topupAmounts: string;
                                topupCount: number;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            }[];
                            byMeter: {
                                balanced: boolean;
                                day: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fees: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                inFlight: string;
                                meterId: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                payments: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refundsOwed: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refundsPaid: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                tokens: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                topupAmounts: string;
                                topupCount: number;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            }[];
                            currency: string;
                            from: string;
                            to: string;
                            total: {
                                balanced: boolean;
                                day: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fees: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                inFlight: string;
                                meterId: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                payments: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refundsOwed: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refundsPaid: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                tokens: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                topupAmounts: string;
                                topupCount: number;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revenue per day (utility time zone), area and service: collected, electricity and water sales, VAT, fixed charges, debt recovered, pending, refunds, net — from the ledger; net = collected − refunds = the parts */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD (default 6 days before to) */
                    from?: string;
                    /** @description last day, inclusive (default today) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanced: boolean;
                            byArea: {
                                area: string | null;
                                balanced: boolean;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                collected: string;
                                day: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                electricitySales: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharges: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                net: string;
                                payments: number;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                pending: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refunds: string;
                                service: ("electricity" | "water") | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                waterSales: string;
                            }[];
                            byDay: {
                                area: string | null;
                                balanced: boolean;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                collected: string;
                                day: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                electricitySales: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharges: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                net: string;
                                payments: number;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                pending: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refunds: string;
                                service: ("electricity" | "water") | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                waterSales: string;
                            }[];
                            currency: string;
                            exponent: number;
                            from: string;
                            rows: {
                                area: string | null;
                                balanced: boolean;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                collected: string;
                                day: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                electricitySales: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharges: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                net: string;
                                payments: number;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                pending: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refunds: string;
                                service: ("electricity" | "water") | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                waterSales: string;
                            }[];
                            to: string;
                            total: {
                                area: string | null;
                                balanced: boolean;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                collected: string;
                                day: string | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                electricitySales: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharges: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                net: string;
                                payments: number;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                pending: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                refunds: string;
                                service: ("electricity" | "water") | null;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                waterSales: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find a meter, an account or a subscriber: meter or account number, civil ID, phone in any form (+968…, 00968…, 8 digits), names in Arabic or English (أ/إ/آ, ة/ه, ى/ي, diacritics and tatweel ignored) */
        get: {
            parameters: {
                query: {
                    q: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                area: string | null;
                                detail: string | null;
                                /** @description meter number, or the subscriber's id */
                                id: string;
                                /** @enum {string} */
                                kind: "meter" | "subscriber" | "account";
                                label: string;
                                labelAr: string | null;
                                subscriberId: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in: username and password for a bearer token (throttled per address and username; locked after repeated wrong passwords) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            token: string;
                            user: {
                                /** @description areas an operator may see and act on; empty: every area */
                                areas?: string[];
                                displayName: string | null;
                                id: number;
                                locale: string;
                                /** @enum {string} */
                                role: "admin" | "supervisor" | "operator" | "call_centre" | "cashier" | "field_technician" | "viewer" | "subscriber";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Log out: revoke the bearer token of this request (it answers 401 from now on) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The utility's time zone (TIME_ZONE) and currency (CURRENCY) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            timeZone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscribers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open an account: the holder's names in Arabic and English, contact, civil ID, citizen tariff (at most two accounts per civil ID), protected category with its evidence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountNumber: string;
                        /**
                         * @description the citizen tariff: at most two accounts per civil ID
                         * @default false
                         */
                        citizenTariff?: boolean;
                        civilId?: string;
                        /** @default residential */
                        customerClass?: string;
                        /** Format: email */
                        email?: string;
                        /**
                         * @default ar
                         * @enum {string}
                         */
                        language?: "ar" | "en";
                        nameAr: string;
                        nameEn: string;
                        phone?: string;
                        /** @default null */
                        protectedCategory?: {
                            /** @description what was seen: e.g. a Ministry of Health letter number */
                            evidence: string;
                            expires?: string | null;
                            /** @enum {string} */
                            kind: "medical" | "elderly" | "determination" | "social_welfare";
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountNumber: string;
                            citizenTariff: boolean;
                            civilId: string | null;
                            customerClass: string;
                            email: string | null;
                            hasLogin: boolean;
                            id: number;
                            /** @enum {string} */
                            language: "ar" | "en";
                            nameAr: string | null;
                            nameEn: string;
                            phone: string | null;
                            protectedCategory: {
                                evidence: string | null;
                                expires: string | null;
                                /** @description medical, elderly, determination, social_welfare */
                                kind: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscribers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The household: an account with all its electricity and water meters (operators of its areas, or the holder) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            meters: {
                                area: string;
                                /** @description remaining credit: Wh for electricity, litres for water */
                                credit: number | null;
                                emergencyCredit: boolean;
                                /** @description the firmware version the meter last reported in its telemetry */
                                firmwareVersion: string | null;
                                /** @description whether the meter has MQTT credentials (never the password) */
                                hasCredentials: boolean;
                                id: string;
                                /** @description when the gateway last heard from the meter */
                                lastSeen: string | null;
                                latestReading: {
                                    currentA: number | null;
                                    flowLph: number | null;
                                    powerW: number | null;
                                    register: number;
                                    seq: number;
                                    ts: string;
                                    voltageV: number | null;
                                } | null;
                                lowCredit: boolean;
                                model: string | null;
                                online: boolean;
                                protectedCategory: string | null;
                                relay: ("closed" | "open" | "armed") | null;
                                relayNeedsButton: boolean;
                                /** @enum {string} */
                                service: "electricity" | "water";
                                /** @enum {string} */
                                status: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                                /** @description STS parameters (never keys) */
                                sts: {
                                    baseDate?: number;
                                    dkga?: string;
                                    ea?: string;
                                    keyType?: number;
                                    krn?: number;
                                    sgc?: string;
                                    ti?: number;
                                };
                                subscriberId: number | null;
                                subscriberName: string | null;
                                tamper: boolean;
                                tariffClass: string;
                                /** @enum {string} */
                                transport: "mqtt" | "serial";
                                /** @enum {string} */
                                unit: "Wh" | "L";
                            }[];
                            subscriber: {
                                accountNumber: string;
                                citizenTariff: boolean;
                                civilId: string | null;
                                customerClass: string;
                                email: string | null;
                                hasLogin: boolean;
                                id: number;
                                /** @enum {string} */
                                language: "ar" | "en";
                                nameAr: string | null;
                                nameEn: string;
                                phone: string | null;
                                protectedCategory: {
                                    evidence: string | null;
                                    expires: string | null;
                                    /** @description medical, elderly, determination, social_welfare */
                                    kind: string;
                                } | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an account: names, contact, citizen tariff, protected category (the disconnection policy reads it) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        citizenTariff?: boolean;
                        email?: string | null;
                        /** @enum {string} */
                        language?: "ar" | "en";
                        nameAr?: string;
                        nameEn?: string;
                        phone?: string | null;
                        protectedCategory?: {
                            /** @description what was seen: e.g. a Ministry of Health letter number */
                            evidence: string;
                            expires?: string | null;
                            /** @enum {string} */
                            kind: "medical" | "elderly" | "determination" | "social_welfare";
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountNumber: string;
                            citizenTariff: boolean;
                            civilId: string | null;
                            customerClass: string;
                            email: string | null;
                            hasLogin: boolean;
                            id: number;
                            /** @enum {string} */
                            language: "ar" | "en";
                            nameAr: string | null;
                            nameEn: string;
                            phone: string | null;
                            protectedCategory: {
                                evidence: string | null;
                                expires: string | null;
                                /** @description medical, elderly, determination, social_welfare */
                                kind: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/subscribers/{id}/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link a meter to the account (a meter belongs to one account at a time) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        meterId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            meters: {
                                area: string;
                                /** @description remaining credit: Wh for electricity, litres for water */
                                credit: number | null;
                                emergencyCredit: boolean;
                                /** @description the firmware version the meter last reported in its telemetry */
                                firmwareVersion: string | null;
                                /** @description whether the meter has MQTT credentials (never the password) */
                                hasCredentials: boolean;
                                id: string;
                                /** @description when the gateway last heard from the meter */
                                lastSeen: string | null;
                                latestReading: {
                                    currentA: number | null;
                                    flowLph: number | null;
                                    powerW: number | null;
                                    register: number;
                                    seq: number;
                                    ts: string;
                                    voltageV: number | null;
                                } | null;
                                lowCredit: boolean;
                                model: string | null;
                                online: boolean;
                                protectedCategory: string | null;
                                relay: ("closed" | "open" | "armed") | null;
                                relayNeedsButton: boolean;
                                /** @enum {string} */
                                service: "electricity" | "water";
                                /** @enum {string} */
                                status: "in_stock" | "installed" | "active" | "suspended" | "decommissioned";
                                /** @description STS parameters (never keys) */
                                sts: {
                                    baseDate?: number;
                                    dkga?: string;
                                    ea?: string;
                                    keyType?: number;
                                    krn?: number;
                                    sgc?: string;
                                    ti?: number;
                                };
                                subscriberId: number | null;
                                subscriberName: string | null;
                                tamper: boolean;
                                tariffClass: string;
                                /** @enum {string} */
                                transport: "mqtt" | "serial";
                                /** @enum {string} */
                                unit: "Wh" | "L";
                            }[];
                            subscriber: {
                                accountNumber: string;
                                citizenTariff: boolean;
                                civilId: string | null;
                                customerClass: string;
                                email: string | null;
                                hasLogin: boolean;
                                id: number;
                                /** @enum {string} */
                                language: "ar" | "en";
                                nameAr: string | null;
                                nameEn: string;
                                phone: string | null;
                                protectedCategory: {
                                    evidence: string | null;
                                    expires: string | null;
                                    /** @description medical, elderly, determination, social_welfare */
                                    kind: string;
                                } | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscribers/{id}/meters/{meterId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink a meter from the account */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    meterId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A single-use ticket (60 s) for a GET that cannot send headers: the live feed (EventSource) or a CSV download
         * @description Pass it as `?ticket=`; bearer tokens are never accepted in URLs.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            ticket: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/topups/{reference}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One top-up by its reference, with its state history */
        get: {
            parameters: {
                query?: {
                    /** @description wait up to this many ms for the meter's answer */
                    wait?: number;
                };
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acceptedVia: string | null;
                            /** @description decimal in major units of the utility currency, e.g. "5.000" */
                            amount: string;
                            breakdown: {
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                amount: string;
                                blocks: {
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    amount: string;
                                    from: string;
                                    rate: string;
                                    to: string | null;
                                    units: string;
                                }[];
                                currency: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energy: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energyVat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharge: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedChargeVat: string;
                                /** @description units bought earlier this tariff month (where the blocks start) */
                                monthToDateBefore: string;
                                tariff: string;
                                /** @enum {string} */
                                unit: "kWh" | "m3";
                                /** @description units on the token: kWh or m³, one decimal */
                                units: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            } | null;
                            channel: string;
                            createdAt: string;
                            currency: string;
                            deliveredAt: string | null;
                            finishedAt: string | null;
                            history?: {
                                at: string;
                                detail: string | null;
                                state: string;
                                step: string;
                            }[];
                            meterId: string;
                            meterResult: string | null;
                            reason: string | null;
                            /** @description quote this reference: T-XXXX-XXXX-C */
                            reference: string;
                            replayed?: boolean;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "accepted" | "rejected" | "failed";
                            /** @description 20-digit STS token in groups of 4 digits */
                            token: string | null;
                            unit: ("kWh" | "m3") | null;
                            units: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/topups/{reference}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay back a top-up that failed before its token was made (recorded once in the ledger) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acceptedVia: string | null;
                            /** @description decimal in major units of the utility currency, e.g. "5.000" */
                            amount: string;
                            breakdown: {
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                amount: string;
                                blocks: {
                                    /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                    amount: string;
                                    from: string;
                                    rate: string;
                                    to: string | null;
                                    units: string;
                                }[];
                                currency: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                debtRecovered: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energy: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                energyVat: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedCharge: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                fixedChargeVat: string;
                                /** @description units bought earlier this tariff month (where the blocks start) */
                                monthToDateBefore: string;
                                tariff: string;
                                /** @enum {string} */
                                unit: "kWh" | "m3";
                                /** @description units on the token: kWh or m³, one decimal */
                                units: string;
                                /** @description decimal in major units of the utility currency, e.g. "5.000" */
                                vat: string;
                            } | null;
                            channel: string;
                            createdAt: string;
                            currency: string;
                            deliveredAt: string | null;
                            finishedAt: string | null;
                            history?: {
                                at: string;
                                detail: string | null;
                                state: string;
                                step: string;
                            }[];
                            meterId: string;
                            meterResult: string | null;
                            reason: string | null;
                            /** @description quote this reference: T-XXXX-XXXX-C */
                            reference: string;
                            replayed?: boolean;
                            /** @enum {string} */
                            state: "pending" | "delivered" | "accepted" | "rejected" | "failed";
                            /** @description 20-digit STS token in groups of 4 digits */
                            token: string | null;
                            unit: ("kWh" | "m3") | null;
                            units: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Operators (not subscribers) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                areas: string[];
                                disabled: boolean;
                                displayName: string | null;
                                id: number;
                                locale: string;
                                /** @enum {string} */
                                role: "admin" | "supervisor" | "operator" | "call_centre" | "cashier" | "field_technician" | "viewer";
                                username: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add an operator with a role and an area scope (empty areas: every area) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description areas this operator sees and acts on; empty: every area
                         * @default []
                         */
                        areas?: string[];
                        displayName?: string;
                        /**
                         * @default ar
                         * @enum {string}
                         */
                        locale?: "ar" | "en";
                        password: string;
                        /** @enum {string} */
                        role: "admin" | "supervisor" | "operator" | "call_centre" | "cashier" | "field_technician" | "viewer";
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            areas: string[];
                            disabled: boolean;
                            displayName: string | null;
                            id: number;
                            locale: string;
                            /** @enum {string} */
                            role: "admin" | "supervisor" | "operator" | "call_centre" | "cashier" | "field_technician" | "viewer";
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an operator's role or areas, disable or enable them (their sessions end) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        areas?: string[];
                        disabled?: boolean;
                        displayName?: string | null;
                        /** @enum {string} */
                        role?: "admin" | "supervisor" | "operator" | "call_centre" | "cashier" | "field_technician" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            areas: string[];
                            disabled: boolean;
                            displayName: string | null;
                            id: number;
                            locale: string;
                            /** @enum {string} */
                            role: "admin" | "supervisor" | "operator" | "call_centre" | "cashier" | "field_technician" | "viewer";
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reset someone's password (their sessions end) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail?: string;
                            errors?: {
                                message: string;
                                path: string;
                            }[];
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and store reachability */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                            /** @enum {string} */
                            store: "pglite" | "postgres";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "unavailable";
                            store: string;
                        };
                    };
                };
            };
        };
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
        /** Prometheus metrics of the gateway (text exposition format) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
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
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
