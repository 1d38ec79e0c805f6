import Foundation

extension TestPayload {
    /// Decodes a `TestEvent`.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_TestEvent.self, bytes, what: "TestEvent")
        self.init(body: [UInt8](wire.body))
    }

    /// The protobuf encoding as a `TestEvent`.
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_TestEvent()
        wire.body = Data(body)
        return encodeWire(wire)
    }
}
