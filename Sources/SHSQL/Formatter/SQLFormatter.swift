import SHCore

/// Turns AST back into ClickHouse's canonical SQL text, and names result columns as ClickHouse 26.9 does.
public enum SQLFormatter {
    /// Binary operators printed infix: function name → operator text.
    static let binaryOperators: [String: String] = [
        "plus": "+", "minus": "-", "multiply": "*", "divide": "/", "modulo": "%",
        "equals": "=", "notEquals": "!=", "less": "<", "greater": ">", "lessOrEquals": "<=", "greaterOrEquals": ">=",
        "isNotDistinctFrom": "<=>", "like": "LIKE", "notLike": "NOT LIKE", "ilike": "ILIKE", "notILike": "NOT ILIKE",
        "in": "IN", "notIn": "NOT IN", "globalIn": "GLOBAL IN", "globalNotIn": "GLOBAL NOT IN",
    ]

    /// An expression as ClickHouse prints it in SHOW CREATE and formatted queries
    /// (`(x = 1) AND (y < 2)`, `k + (1 * 2)`, `(k, v)`, `tuple()`, `CAST(x, 'String')`, `'it\'s'`).
    ///
    /// A top-level alias is parenthesized (`(x AS a)`): only select lists and argument lists print it bare.
    public static func format(_ expression: Expression) -> String {
        var out = ""
        write(expression, to: &out, nested: true)
        return out
    }

    /// True when the expression prints as an operator (so it needs parentheses inside another operator).
    static func isOperator(_ expression: Expression) -> Bool {
        guard case .function(let call) = expression, call.parameters == nil, !call.distinct, !call.writtenAsFunction
        else { return false }
        switch call.name {
        case "and", "or": return call.arguments.count >= 2
        case "not", "negate", "isNull", "isNotNull": return call.arguments.count == 1
        case "arrayElement": return call.arguments.count == 2
        case "tupleElement":
            if call.arguments.count == 2, case .literal(.unsignedInteger) = call.arguments[1] { return true }
            return false
        default: return binaryOperators[call.name] != nil && call.arguments.count == 2
        }
    }

    static func write(_ expression: Expression, to out: inout String, nested: Bool) {
        switch expression {
        case .literal(let literal):
            out += formatLiteral(literal)
        case .identifier(let parts):
            out += parts.map(quoteIdentifierIfNeeded).joined(separator: ".")
        case .asterisk(let qualifier):
            out += qualifier.map { "\($0).*" } ?? "*"
        case .subquery(let query):
            out += "(" + formatSelect(query) + ")"
        case .alias(let inner, let name):
            if nested { out += "(" }
            write(inner, to: &out, nested: true)
            out += " AS " + quoteIdentifierIfNeeded(name)
            if nested { out += ")" }
        case .function(let call):
            if call.parenthesized, isOperator(expression) {
                out += "("
                writeFunction(call, to: &out, nested: nested)
                out += ")"
            } else {
                writeFunction(call, to: &out, nested: nested)
            }
        case .lambda(let parameters, let body):
            if parameters.count == 1 {
                out += quoteIdentifierIfNeeded(parameters[0])
            } else {
                out += "(" + parameters.map(quoteIdentifierIfNeeded).joined(separator: ", ") + ")"
            }
            out += " -> "
            writeOperand(body, to: &out)
        }
    }

    /// An operand of an operator: parenthesized when it is itself an operator.
    static func writeOperand(_ expression: Expression, to out: inout String) {
        if case .function(let call) = expression, call.parenthesized {
            // Printed with its own parentheses.
            write(expression, to: &out, nested: true)
        } else if isOperator(expression) {
            out += "("
            write(expression, to: &out, nested: false)
            out += ")"
        } else {
            write(expression, to: &out, nested: true)
        }
    }

    /// A comma-separated list; `bareAliases` when the grammar reads `x AS a` there (select and argument lists).
    static func writeList(_ items: [Expression], to out: inout String, bareAliases: Bool = true) {
        for (i, item) in items.enumerated() {
            if i > 0 { out += ", " }
            write(item, to: &out, nested: !bareAliases)
        }
    }

    static func writeFunction(_ call: FunctionCall, to out: inout String, nested: Bool) {
        let args = call.arguments
        if isOperator(.function(call)) {
            switch call.name {
            case "and", "or":
                for (i, arg) in args.enumerated() {
                    if i > 0 { out += call.name == "and" ? " AND " : " OR " }
                    writeOperand(arg, to: &out)
                }
            case "not":
                out += "NOT "
                writeOperand(args[0], to: &out)
            case "negate":
                out += "-"
                if case .literal(let literal) = args[0], isNumber(literal) {
                    // `-(1)` stays a call: `-1` would read back as a literal.
                    out += "(" + formatLiteral(literal) + ")"
                } else {
                    writeOperand(args[0], to: &out)
                }
            case "arrayElement":
                writeOperand(args[0], to: &out)
                out += "["
                write(args[1], to: &out, nested: true)
                out += "]"
            case "tupleElement":
                if case .literal(let literal) = args[0], isNumber(literal) {
                    out += "(" + formatLiteral(literal) + ")"
                } else {
                    writeOperand(args[0], to: &out)
                }
                out += "." + format(args[1])
            case "isNull", "isNotNull":
                writeOperand(args[0], to: &out)
                out += call.name == "isNull" ? " IS NULL" : " IS NOT NULL"
            case "in", "notIn", "globalIn", "globalNotIn":
                writeOperand(args[0], to: &out)
                out += " " + binaryOperators[call.name]! + " "
                if case .subquery = args[1] {
                    write(args[1], to: &out, nested: false)
                } else if case .function(let tuple) = args[1], tuple.name == "tuple", !tuple.writtenAsFunction,
                    !tuple.arguments.isEmpty
                {
                    write(args[1], to: &out, nested: false)
                } else if case .function(let inner) = args[1], inner.parenthesized, isOperator(args[1]) {
                    write(args[1], to: &out, nested: false)
                } else {
                    out += "("
                    write(args[1], to: &out, nested: false)
                    out += ")"
                }
            default:
                writeOperand(args[0], to: &out)
                out += " " + binaryOperators[call.name]! + " "
                writeOperand(args[1], to: &out)
            }
            return
        }
        if call.parameters == nil, !call.distinct, !call.writtenAsFunction {
            switch call.name {
            case "tuple" where !args.isEmpty:
                out += "("
                writeList(args, to: &out)
                out += ")"
                return
            case "array":
                out += "["
                writeList(args, to: &out)
                out += "]"
                return
            default:
                break
            }
        }
        out += call.name == "cast" ? "CAST" : quoteIdentifierIfNeeded(call.name)
        if let parameters = call.parameters {
            out += "("
            writeList(parameters, to: &out)
            out += ")"
        }
        out += call.distinct ? "(DISTINCT " : "("
        writeList(args, to: &out)
        out += ")"
    }

    static func isNumber(_ literal: Literal) -> Bool {
        switch literal {
        case .integer, .unsignedInteger, .float: true
        default: false
        }
    }

    static func isNegative(_ literal: Literal) -> Bool {
        switch literal {
        case .integer(let v): v < 0
        case .float(let v): v.sign == .minus
        default: false
        }
    }
}
