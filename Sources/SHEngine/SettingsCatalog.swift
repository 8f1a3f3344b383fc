import SHCore
import SHSQL

/// The query-level settings SwiftHouse knows; an unknown name fails as in ClickHouse (`UNKNOWN_SETTING`).
enum SettingsCatalog {
    static let known: Set<String> = [
        "max_threads", "max_block_size", "max_insert_block_size", "min_insert_block_size_rows",
        "min_insert_block_size_bytes", "output_format_pretty_row_numbers", "output_format_pretty_max_rows",
        "output_format_pretty_max_column_pad_width", "output_format_pretty_max_value_width",
        "output_format_pretty_color", "output_format_json_quote_64bit_integers", "output_format_write_statistics",
        "output_format_pretty_display_footer_column_names", "output_format_pretty_single_large_number_tip_threshold",
        "session_timezone", "max_backup_bandwidth", "backup_restore_s3_retry_attempts",
        "backup_restore_s3_retry_initial_backoff_ms", "backup_restore_s3_retry_max_backoff_ms",
        "backup_restore_s3_retry_jitter_factor", "max_execution_time", "max_memory_usage", "log_queries",
        "send_logs_level", "allow_experimental_analyzer", "enable_analyzer", "insert_deduplicate",
        "optimize_throw_if_noop", "mutations_sync", "alter_sync", "readonly", "format_csv_delimiter",
        "input_format_skip_unknown_fields", "date_time_output_format", "max_result_rows", "extremes",
        "output_format_pretty_grid_charset", "s3_max_connections", "s3_retry_attempts", "s3_request_timeout_ms",
        "s3_max_single_part_upload_size", "s3_min_upload_part_size", "s3_max_upload_part_size",
        "backup_restore_keeper_max_retries", "distributed_ddl_task_timeout",
        "use_structure_from_insertion_table_in_table_functions", "default_table_engine",
        "create_table_empty_primary_key_by_default", "check_query_single_value_result", "final", "optimize_on_insert",
        "do_not_merge_across_partitions_select_final", "allow_suspicious_codecs", "enable_positional_arguments",
        "optimize_arithmetic_operations_in_aggregate_functions", "enable_http_compression",
        "send_progress_in_http_headers", "http_headers_progress_interval_ms",
    ]

    /// The value of a `SET`/`SETTINGS` assignment; throws for unknown names.
    static func value(of assignment: SettingAssignment) throws -> Value {
        guard known.contains(assignment.name) else {
            throw DatabaseError(.unknownSetting, "Unknown setting '\(assignment.name)'")
        }
        guard case .literal(let literal) = assignment.value else {
            throw DatabaseError(.badArguments, "Setting \(assignment.name) needs a literal value")
        }
        let value = literal.value
        if case .int(let v) = value, v < 0, unsignedSettings.contains(assignment.name) {
            throw DatabaseError(.cannotConvertType, "Field value \(v) is out of range of unsigned long type")
        }
        if positiveSettings.contains(assignment.name), value.int64 == 0, value.double == 0 {
            throw DatabaseError(.badArguments, "A setting's value has to be greater than 0")
        }
        return value
    }

    /// Settings that are UInt64 in ClickHouse: a negative value is an error, not a huge number.
    static let unsignedSettings: Set<String> = [
        "max_threads", "max_block_size", "max_insert_block_size", "min_insert_block_size_rows",
        "min_insert_block_size_bytes", "output_format_pretty_max_rows", "output_format_pretty_max_column_pad_width",
        "output_format_pretty_max_value_width", "max_backup_bandwidth", "backup_restore_s3_retry_attempts",
        "backup_restore_s3_retry_initial_backoff_ms", "backup_restore_s3_retry_max_backoff_ms", "max_memory_usage",
        "readonly", "max_result_rows", "s3_max_connections", "s3_retry_attempts", "s3_request_timeout_ms",
        "s3_max_single_part_upload_size", "s3_min_upload_part_size", "s3_max_upload_part_size",
        "backup_restore_keeper_max_retries",
    ]

    /// Settings ClickHouse rejects when 0 (a block of 0 rows never fills).
    static let positiveSettings: Set<String> = ["max_block_size", "max_insert_block_size"]
}

extension Literal {
    /// The literal as a value.
    public var value: Value {
        switch self {
        case .null: .null
        case .unsignedInteger(let v): .uint(v)
        case .integer(let v): .int(v)
        case .float(let v): .float(v)
        case .string(let s): .string(s)
        case .bool(let b): .uint(b ? 1 : 0)
        }
    }
}

extension QueryContext {
    /// A boolean setting (`1`, `true`, `'1'`).
    func flag(_ name: String, default defaultValue: Bool = false) -> Bool {
        guard let value = settings[name] else { return defaultValue }
        if case .string(let bytes) = value {
            return ["1", "true"].contains(String(decoding: bytes, as: UTF8.self).lowercased())
        }
        return value.isTrue
    }

    func integer(_ name: String, default defaultValue: Int) -> Int {
        guard let value = settings[name] else { return defaultValue }
        // A UInt64 above Int.max (max_block_size = 18446744073709551615) clamps instead of wrapping negative.
        if case .uint(let v) = value { return Int(clamping: v) }
        guard let number = value.int64 else { return defaultValue }
        return Int(number)
    }
}

/// What `system.settings` shows of a setting besides its value (generated from ClickHouse's own table).
struct SettingDefinition: Sendable {
    let type: String
    let defaultValue: String
    let description: String
}
