import Foundation
import SHCore

/// Which backups `prune` keeps: restic's `forget` rules (`--keep-last`, `--keep-hourly`, `--keep-daily`,
/// `--keep-weekly`, `--keep-monthly`, `--keep-yearly`, `--keep-within`), then every base a kept backup needs.
public struct RetentionPolicy: Sendable {
    /// How many backups each rule keeps; 0 turns a rule off.
    public var last = 0
    public var hourly = 0
    public var daily = 0
    public var weekly = 0
    public var monthly = 0
    public var yearly = 0
    /// `--keep-within`: backups newer than the newest one minus this (years, months, days, hours).
    public var within: (years: Int, months: Int, days: Int, hours: Int)?

    /// A policy that keeps nothing by itself.
    public init() {}

    /// Whether no rule is given (restic then removes nothing, and so does `prune`).
    public var isEmpty: Bool { [last, hourly, daily, weekly, monthly, yearly].allSatisfy { $0 <= 0 } && within == nil }

    /// Reads restic's duration syntax: `2y5m7d3h` (years, months, days, hours, each optional, in this order).
    public static func duration(_ text: String) throws -> (years: Int, months: Int, days: Int, hours: Int) {
        guard let match = text.wholeMatch(of: /(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)d)?(?:(\d+)h)?/), !text.isEmpty else {
            throw DatabaseError(.badArguments, "Cannot read duration '\(text)': expected e.g. 1y2m3d4h")
        }
        func value(_ part: Substring?) throws -> Int {
            guard let part else { return 0 }
            guard let number = Int(part), number <= 100_000 else {
                throw DatabaseError(.badArguments, "Duration '\(text)' is too long")
            }
            return number
        }
        return (try value(match.1), try value(match.2), try value(match.3), try value(match.4))
    }
}

/// One backup as retention sees it.
public struct RetentionCandidate: Sendable {
    public var name: String
    /// When it was made (UTC).
    public var time: Date
    /// The base it needs, by name.
    public var base: String?

    public init(name: String, time: Date, base: String?) {
        self.name = name
        self.time = time
        self.base = base
    }
}

/// The decision for one backup.
public struct RetentionDecision: Sendable, Equatable {
    public var name: String
    public var keep: Bool
    /// The rules that keep it (`last`, `daily`, …, `base of inc1`); empty when removed.
    public var reasons: [String]
}

public enum BackupRetention {
    /// Applies `policy` to `candidates` as restic's `forget` does: newest first, each rule keeps a backup when its
    /// bucket (the hour, day, ISO week, month or year of its time; every backup for `last`) differs from the bucket
    /// of the last backup that rule kept, until the rule's count is used up. Then the bases of kept backups are kept.
    /// An empty policy keeps everything.
    public static func decide(_ candidates: [RetentionCandidate], policy: RetentionPolicy) -> [RetentionDecision] {
        let sorted = candidates.enumerated().sorted { ($0.element.time, $0.offset) > ($1.element.time, $1.offset) }
            .map(\.element)
        guard !policy.isEmpty, let newest = sorted.first else {
            return sorted.map { RetentionDecision(name: $0.name, keep: true, reasons: ["no policy"]) }
        }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let rules: [(String, Int, (Date, Int) -> Int)] = [
            ("last", policy.last, { _, index in index }),
            (
                "hourly", policy.hourly,
                { date, _ in
                    let c = calendar.dateComponents([.year, .month, .day, .hour], from: date)
                    return ((c.year! * 100 + c.month!) * 100 + c.day!) * 100 + c.hour!
                }
            ),
            (
                "daily", policy.daily,
                { date, _ in
                    let c = calendar.dateComponents([.year, .month, .day], from: date)
                    return (c.year! * 100 + c.month!) * 100 + c.day!
                }
            ),
            (
                "weekly", policy.weekly,
                { date, _ in
                    let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
                    return c.yearForWeekOfYear! * 100 + c.weekOfYear!
                }
            ),
            (
                "monthly", policy.monthly,
                { date, _ in
                    let c = calendar.dateComponents([.year, .month], from: date)
                    return c.year! * 100 + c.month!
                }
            ),
            ("yearly", policy.yearly, { date, _ in calendar.component(.year, from: date) }),
        ]
        var remaining = rules.map(\.1)
        var lastBucket = [Int?](repeating: nil, count: rules.count)
        var threshold: Date?
        if let within = policy.within {
            var components = DateComponents()
            components.year = -within.years
            components.month = -within.months
            components.day = -within.days
            components.hour = -within.hours
            threshold = calendar.date(byAdding: components, to: newest.time)
        }
        var reasons: [String: [String]] = [:]
        for (index, candidate) in sorted.enumerated() {
            var kept: [String] = []
            if let threshold, candidate.time > threshold { kept.append("within") }
            for (rule, (name, _, bucket)) in rules.enumerated() where remaining[rule] > 0 {
                let value = bucket(candidate.time, index)
                if value != lastBucket[rule] {
                    kept.append(name)
                    lastBucket[rule] = value
                    remaining[rule] -= 1
                }
            }
            reasons[candidate.name] = kept
        }
        // A kept backup keeps its whole chain.
        let byName = Dictionary(sorted.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for candidate in sorted where !(reasons[candidate.name] ?? []).isEmpty {
            var current = candidate
            var depth = 0
            while let base = current.base, let next = byName[base], depth < 64 {
                if !(reasons[base] ?? []).contains("base of \(current.name)") {
                    reasons[base, default: []].append("base of \(current.name)")
                }
                current = next
                depth += 1
            }
        }
        return sorted.map { candidate in
            let why = reasons[candidate.name] ?? []
            return RetentionDecision(name: candidate.name, keep: !why.isEmpty, reasons: why)
        }
    }

    /// The decisions for the finished backups of `catalog` (complete or with a broken chain; others are left alone).
    public static func plan(_ catalog: BackupCatalog, policy: RetentionPolicy) -> [RetentionDecision] {
        let candidates = catalog.backups.compactMap { backup -> RetentionCandidate? in
            guard backup.state == .complete || backup.state == .brokenChain,
                let time = UTCTimestamp.date(backup.timestamp)
            else { return nil }
            return RetentionCandidate(name: backup.name, time: time, base: backup.baseName)
        }
        return decide(candidates, policy: policy)
    }

    /// The decisions as rows, newest first.
    public static func rows(_ decisions: [RetentionDecision], in catalog: BackupCatalog) -> ToolTable {
        var table = ToolTable([("name", .string), ("timestamp", .string), ("action", .string), ("reasons", .string)])
        for decision in decisions {
            table.append([
                .string(decision.name), .string(catalog.backup(named: decision.name)?.timestamp ?? ""),
                .string(decision.keep ? "keep" : "remove"), .string(decision.reasons.joined(separator: ", ")),
            ])
        }
        return table
    }
}
