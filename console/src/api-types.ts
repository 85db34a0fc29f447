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
         * @description EventSource cannot send headers: pass the bearer token as `access_token`. Subscribers receive only their own meters.
         */
        get: {
            parameters: {
                query?: {
                    access_token?: string;
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
                            displayName: string | null;
                            id: number;
                            locale: string;
                            /** @enum {string} */
                            role: "admin" | "operator" | "viewer" | "subscriber";
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
                                online: boolean;
                                protectedCategory: string | null;
                                relay: ("closed" | "open" | "armed") | null;
                                relayNeedsButton: boolean;
                                /** @enum {string} */
                                service: "electricity" | "water";
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
        post?: never;
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
                            online: boolean;
                            protectedCategory: string | null;
                            relay: ("closed" | "open" | "armed") | null;
                            relayNeedsButton: boolean;
                            /** @enum {string} */
                            service: "electricity" | "water";
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
        patch?: never;
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
                                displayName: string | null;
                                id: number;
                                locale: string;
                                /** @enum {string} */
                                role: "admin" | "operator" | "viewer" | "subscriber";
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
