import Foundation

extension MembershipPayload {
    /// Decodes a `MembershipDocument`; checks department ids (unique), key lengths (CURVE
    /// and signing keys 32 bytes, unique key ids) and the signature length.
    public init(serializedBytes bytes: [UInt8]) throws(ProtocolError) {
        let wire = try decodeWire(Jointsupervision_V1_MembershipDocument.self, bytes, what: "MembershipDocument")
        var departments = [Department]()
        var ids = Set<String>()
        for (index, entry) in wire.departments.enumerated() {
            let field = "departments[\(index)]"
            try checkDepartment(entry.id, "\(field).id")
            guard ids.insert(entry.id).inserted else { throw .invalid("\(field).id", "appears twice") }
            guard entry.curvePublicKey.isEmpty || entry.curvePublicKey.count == 32 else {
                throw .invalid("\(field).curve_public_key", "must be 32 bytes")
            }
            var keys = [UInt32: [UInt8]]()
            for (keyIndex, key) in entry.signingKeys.enumerated() {
                let keyField = "\(field).signing_keys[\(keyIndex)]"
                guard key.publicKey.count == 32 else { throw .invalid("\(keyField).public_key", "must be 32 bytes") }
                guard keys.updateValue([UInt8](key.publicKey), forKey: key.keyID) == nil else {
                    throw .invalid("\(keyField).key_id", "appears twice")
                }
            }
            departments.append(
                Department(
                    id: entry.id, name: entry.name, busEndpoint: entry.busEndpoint,
                    curvePublicKey: [UInt8](entry.curvePublicKey), signingKeys: keys, roles: entry.roles,
                    receivableKinds: entry.dataRights.kinds, receivableCategories: entry.dataRights.categories))
        }
        var signature: AuthoritySignature?
        if wire.hasSignature {
            guard wire.signature.signature.count == 64 else {
                throw .invalid("signature.signature", "must be 64 bytes")
            }
            signature = AuthoritySignature(
                authority: wire.signature.authority, keyId: wire.signature.keyID,
                signature: [UInt8](wire.signature.signature))
        }
        self.init(
            version: wire.version, issuedMs: wire.issuedMs, expiresMs: wire.expiresMs, departments: departments,
            signature: signature)
    }

    /// The protobuf encoding as a `MembershipDocument` (signing keys in key id order).
    public func serializedBytes() -> [UInt8] {
        var wire = Jointsupervision_V1_MembershipDocument()
        wire.version = version
        wire.issuedMs = issuedMs
        wire.expiresMs = expiresMs
        wire.departments = departments.map { department in
            var entry = Jointsupervision_V1_DepartmentEntry()
            entry.id = department.id
            entry.name = department.name
            entry.busEndpoint = department.busEndpoint
            entry.curvePublicKey = Data(department.curvePublicKey)
            entry.signingKeys = department.signingKeys.sorted { $0.key < $1.key }.map { keyId, publicKey in
                var key = Jointsupervision_V1_SigningKey()
                key.keyID = keyId
                key.publicKey = Data(publicKey)
                return key
            }
            entry.roles = department.roles
            if !department.receivableKinds.isEmpty || !department.receivableCategories.isEmpty {
                entry.dataRights.kinds = department.receivableKinds
                entry.dataRights.categories = department.receivableCategories
            }
            return entry
        }
        if let signature {
            wire.signature.authority = signature.authority
            wire.signature.keyID = signature.keyId
            wire.signature.signature = Data(signature.signature)
        }
        return encodeWire(wire)
    }
}
