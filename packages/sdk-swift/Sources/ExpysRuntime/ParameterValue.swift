import Foundation

/// Spells parameter values as OpenAPI's styles do. Scalars (and enums, by
/// their raw value) are spelled directly; arrays and objects go through JSON
/// first, which only structured parameters pay for.
enum ParameterValue {
  /// The name/value pairs of a query or cookie parameter.
  static func pairs(_ parameter: Parameter) -> [(String, String)] {
    guard let value = parameter.value else { return [] }
    if let scalar = scalar(value) { return [(parameter.name, scalar)] }
    switch JSONValue(encoding: value) {
    case .array(let items):
      let values = items.compactMap(\.parameterText)
      switch parameter.style {
      case .spaceDelimited: return [(parameter.name, values.joined(separator: " "))]
      case .pipeDelimited: return [(parameter.name, values.joined(separator: "|"))]
      default: return parameter.explode ? values.map { (parameter.name, $0) } : [(parameter.name, values.joined(separator: ","))]
      }
    case .object(let members):
      let entries = members.sorted { $0.key < $1.key }.compactMap { key, item in item.parameterText.map { (key, $0) } }
      switch parameter.style {
      case .deepObject: return entries.map { ("\(parameter.name)[\($0.0)]", $0.1) }
      default: return parameter.explode ? entries : [(parameter.name, entries.flatMap { [$0.0, $0.1] }.joined(separator: ","))]
      }
    case .null: return []
    case let other: return other.parameterText.map { [(parameter.name, $0)] } ?? []
    }
  }

  /// A header or path value (OpenAPI's `simple` style).
  static func text(_ value: any Encodable & Sendable, explode: Bool = false) -> String? {
    if let scalar = scalar(value) { return scalar }
    switch JSONValue(encoding: value) {
    case .array(let items): return items.compactMap(\.parameterText).joined(separator: ",")
    case .object(let members):
      let entries = members.sorted { $0.key < $1.key }.compactMap { key, item in item.parameterText.map { (key, $0) } }
      return entries.map { explode ? "\($0.0)=\($0.1)" : "\($0.0),\($0.1)" }.joined(separator: ",")
    case let other: return other.parameterText
    }
  }

  private static func scalar(_ value: any Encodable & Sendable) -> String? {
    switch value {
    case let text as String: text
    case let number as Int: String(number)
    case let number as Int64: String(number)
    case let number as Int32: String(number)
    case let number as Double: JSONValue.number(number).parameterText
    case let flag as Bool: flag ? "true" : "false"
    case let enumeration as any RawRepresentable: "\(enumeration.rawValue)"
    default: nil
    }
  }
}

extension JSONValue {
  /// How a scalar reads in a parameter; `nil` for null, arrays and objects.
  var parameterText: String? {
    switch self {
    case .string(let text): text
    case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    case .bool(let flag): flag ? "true" : "false"
    case .null, .array, .object: nil
    }
  }
}
