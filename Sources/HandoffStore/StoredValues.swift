import GRDB
import HandoffCore

// The enum columns are stored as their raw text through GRDB's RawRepresentable support,
// so rows written before the columns were typed read back unchanged. The job kind is an
// open set of names, not an enum, but reads the same way: text that is no valid kind is
// refused like an unknown status.
extension HandoffStatus: DatabaseValueConvertible {}
extension HandoffSource.Kind: DatabaseValueConvertible {}
extension DeliveryRoute: DatabaseValueConvertible {}
extension RoutingPolicy.Decision: DatabaseValueConvertible {}
extension JobState: DatabaseValueConvertible {}
extension JobKind: DatabaseValueConvertible {}

extension Row {
    /// The value of an enum column. A value this version does not know is an error that
    /// names the table, the row, the column and the value: taking it for some known value
    /// (a status it is not, a kind that runs the wrong code) would act on a guess.
    func stored<Value: DatabaseValueConvertible & RawRepresentable>(
        _ column: String, table: String, row id: String
    ) throws -> Value where Value.RawValue == String {
        guard let value = try storedIfPresent(column, table: table, row: id) as Value? else {
            throw StoreError.unknownValue(table: table, row: id, column: column, value: "NULL")
        }
        return value
    }

    /// The value of a nullable enum column: nil for NULL, an error for an unknown value.
    func storedIfPresent<Value: DatabaseValueConvertible & RawRepresentable>(
        _ column: String, table: String, row id: String
    ) throws -> Value? where Value.RawValue == String {
        let stored = try decode(DatabaseValue.self, forColumn: column)
        if stored.isNull { return nil }
        guard let value = Value.fromDatabaseValue(stored) else {
            let text = String.fromDatabaseValue(stored) ?? stored.description
            throw StoreError.unknownValue(table: table, row: id, column: column, value: text)
        }
        return value
    }
}
