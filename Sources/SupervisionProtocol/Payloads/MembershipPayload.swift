/// `MembershipDocument` of domain.proto: who belongs to the bus, as a protobuf message.
///
/// Not what `membership` events carry: their payload is the JSMD1 signed document (JSON; spec
/// section "Security", `SignedMembership` in SupervisionBus), whose signature covers exact
/// bytes that protobuf encodings do not guarantee. This message is kept because domain.proto
/// defines it; new code should use the JSMD1 document.
public struct MembershipPayload: EventPayload {
    /// `"membership"`.
    public static let kind = EventKind.membership

    /// Increases with every issue.
    public var version: UInt64
    /// Issued at, milliseconds since the Unix epoch.
    public var issuedMs: Int64
    /// Expires at, milliseconds since the Unix epoch.
    public var expiresMs: Int64
    /// The member departments.
    public var departments: [Department]
    /// The authority's signature (its signing input is defined in a later version).
    public var signature: AuthoritySignature?

    /// One member department (`DepartmentEntry` in domain.proto).
    public struct Department: Hashable, Sendable {
        /// Department id.
        public var id: String
        /// Human-readable name.
        public var name: String
        /// ZeroMQ endpoint of the department's ROUTER.
        public var busEndpoint: String
        /// CURVE public key, 32 bytes (empty: none yet).
        public var curvePublicKey: [UInt8]
        /// Ed25519 signing public keys (32 bytes each) by key id.
        public var signingKeys: [UInt32: [UInt8]]
        /// Roles, e.g. `inspector`.
        public var roles: [String]
        /// Event kinds whose payload the department may receive.
        public var receivableKinds: [String]
        /// Categories the department may receive.
        public var receivableCategories: [String]

        /// Makes an entry.
        public init(
            id: String, name: String, busEndpoint: String, curvePublicKey: [UInt8] = [],
            signingKeys: [UInt32: [UInt8]], roles: [String] = [], receivableKinds: [String] = [],
            receivableCategories: [String] = []
        ) {
            self.id = id
            self.name = name
            self.busEndpoint = busEndpoint
            self.curvePublicKey = curvePublicKey
            self.signingKeys = signingKeys
            self.roles = roles
            self.receivableKinds = receivableKinds
            self.receivableCategories = receivableCategories
        }
    }

    /// The membership authority's signature (`AuthoritySignature` in domain.proto).
    public struct AuthoritySignature: Hashable, Sendable {
        /// Id of the signing authority.
        public var authority: String
        /// Which of its keys signed.
        public var keyId: UInt32
        /// Ed25519 signature, 64 bytes.
        public var signature: [UInt8]

        /// Makes a signature record.
        public init(authority: String, keyId: UInt32, signature: [UInt8]) {
            self.authority = authority
            self.keyId = keyId
            self.signature = signature
        }
    }

    /// Makes a membership document.
    public init(
        version: UInt64, issuedMs: Int64, expiresMs: Int64, departments: [Department],
        signature: AuthoritySignature? = nil
    ) {
        self.version = version
        self.issuedMs = issuedMs
        self.expiresMs = expiresMs
        self.departments = departments
        self.signature = signature
    }
}
