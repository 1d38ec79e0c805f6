"""JSB/1 canonical encodings and checks, written from Protocols/spec/1-JSB.md alone.

The protobuf classes come from `protoc --python_out` run on Protocols/jointsupervision/v1;
call `load_generated(dir)` with the directory protoc wrote to before using `pb()`.
"""

import hashlib
import importlib
import re
import struct
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.exceptions import InvalidSignature

ZERO_HASH = bytes(32)
DEPARTMENT_ID = re.compile(r"^[a-z0-9-]{1,32}$")
EVENT_KIND = re.compile(r"^[a-z0-9.-]{1,64}$")

_bus = None
_domain = None

# kind -> domain.proto message name (spec section "Event kinds and payloads").
KINDS = {
    "intent": "Intent",
    "draw": "DrawRecord",
    "plan.proposal": "PlanProposal",
    "plan.vote": "PlanVote",
    "assignment": "InspectorAssignment",
    "finding": "Finding",
    "referral": "Referral",
    "referral.ack": "ReferralAck",
    "outcome": "Outcome",
    "membership": "MembershipDocument",
    "test": "TestEvent",
}


def load_generated(directory):
    """Imports bus_pb2 and domain_pb2 generated into `directory`."""
    global _bus, _domain
    if directory not in sys.path:
        sys.path.insert(0, directory)
    _bus = importlib.import_module("jointsupervision.v1.bus_pb2")
    _domain = importlib.import_module("jointsupervision.v1.domain_pb2")


def bus():
    return _bus


def domain():
    return _domain


def payload_class(kind):
    """The domain.proto class for `kind`, or None for a kind this version does not know."""
    name = KINDS.get(kind)
    return getattr(_domain, name) if name else None


def u32(n):
    return struct.pack(">I", n)


def u64(n):
    return struct.pack(">Q", n)


def i64(n):
    return struct.pack(">q", n)


def event_hash_input(event):
    """"JSEV1" 0x00 || u32be(len(origin)) || origin || u64be(seq) || prev_hash
    || i64be(timestamp_ms) || u32be(len(kind)) || kind || payload_hash"""
    origin = event.origin.encode("utf-8")
    kind = event.kind.encode("utf-8")
    return (
        b"JSEV1\x00"
        + u32(len(origin))
        + origin
        + u64(event.seq)
        + bytes(event.prev_hash)
        + i64(event.timestamp_ms)
        + u32(len(kind))
        + kind
        + bytes(event.payload_hash)
    )


def event_hash(event):
    return hashlib.sha256(event_hash_input(event)).digest()


def checkpoint_input(origin, seq, ev_hash):
    """"JSCP1" 0x00 || u32be(len(origin)) || origin || u64be(seq) || event_hash"""
    o = origin.encode("utf-8")
    return b"JSCP1\x00" + u32(len(o)) + o + u64(seq) + ev_hash


def private_key(seed_hex):
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex))


def public_key_bytes(key):
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


class Reject(Exception):
    """A message the spec says to reject; `code` names the rule, as in the vectors'
    `error_code` ("invalid-field", "inconsistent-batch", "payload-hash-mismatch",
    "broken-chain", "bad-signature", "unknown-message", "malformed")."""

    def __init__(self, code, reason):
        super().__init__(f"{code}: {reason}")
        self.code = code


def check_event(event, where):
    if not DEPARTMENT_ID.match(event.origin):
        raise Reject("invalid-field", f"{where}.origin invalid")
    if event.seq < 1:
        raise Reject("invalid-field", f"{where}.seq must be >= 1")
    if len(event.prev_hash) != 32 or len(event.payload_hash) != 32:
        raise Reject("invalid-field", f"{where} hash length")
    if event.seq == 1 and bytes(event.prev_hash) != ZERO_HASH:
        raise Reject("invalid-field", f"{where}.prev_hash must be zero for seq 1")
    if not EVENT_KIND.match(event.kind):
        raise Reject("invalid-field", f"{where}.kind invalid")


def check_batch_structure(batch):
    """The BATCH structure rules of the spec (checked on decoding)."""
    if not DEPARTMENT_ID.match(batch.origin):
        raise Reject("invalid-field", "batch.origin invalid")
    if len(batch.events) == 0:
        raise Reject("inconsistent-batch", "empty batch")
    if not batch.HasField("checkpoint"):
        raise Reject("inconsistent-batch", "checkpoint missing")
    first = batch.events[0].seq
    for i, ev in enumerate(batch.events):
        check_event(ev, f"events[{i}]")
        if ev.origin != batch.origin:
            raise Reject("inconsistent-batch", f"events[{i}].origin differs")
        if ev.seq != first + i:
            raise Reject("inconsistent-batch", f"events[{i}].seq not consecutive")
    cp = batch.checkpoint
    if cp.origin != batch.origin or cp.seq != batch.events[-1].seq:
        raise Reject("inconsistent-batch", "checkpoint does not name the last event")
    if len(cp.event_hash) != 32 or len(cp.signature) != 64:
        raise Reject("invalid-field", "checkpoint field length")


def verify_batch(batch, public_key_raw, previous_hash):
    """Structure rules, then receipt checks 5.1-5.5 of the spec. Returns the event hashes.
    `previous_hash` is the hash of event first-1 (zero for seq 1)."""
    check_batch_structure(batch)
    cp = batch.checkpoint
    hashes = []
    prev = previous_hash
    for i, ev in enumerate(batch.events):
        if len(ev.payload) > 0 and hashlib.sha256(ev.payload).digest() != ev.payload_hash:
            raise Reject("payload-hash-mismatch", f"events[{i}] payload hash mismatch")
        if prev is not None and bytes(ev.prev_hash) != prev:
            raise Reject("broken-chain", f"events[{i}] broken chain")
        prev = event_hash(ev)
        hashes.append(prev)
    if bytes(cp.event_hash) != hashes[-1]:
        raise Reject("broken-chain", "checkpoint.event_hash is not the last event's hash")
    try:
        Ed25519PublicKey.from_public_bytes(public_key_raw).verify(
            bytes(cp.signature), checkpoint_input(cp.origin, cp.seq, bytes(cp.event_hash))
        )
    except InvalidSignature:
        raise Reject("bad-signature", "bad checkpoint signature")
    return hashes


def make_batch(origin, key, events, request_id=0, key_id=0):
    """Builds a signed EventBatch from Event messages (already chained)."""
    batch = _bus.EventBatch(origin=origin, request_id=request_id)
    batch.events.extend(events)
    last = events[-1]
    h = event_hash(last)
    batch.checkpoint.CopyFrom(
        _bus.Checkpoint(
            origin=origin,
            seq=last.seq,
            event_hash=h,
            signature=key.sign(checkpoint_input(origin, last.seq, h)),
            key_id=key_id,
        )
    )
    return batch


def make_event(origin, seq, prev_hash, timestamp_ms, kind, payload, withhold=False):
    """An Event with payload_hash = SHA-256(payload); payload emptied when withheld."""
    return _bus.Event(
        origin=origin,
        seq=seq,
        prev_hash=prev_hash,
        timestamp_ms=timestamp_ms,
        kind=kind,
        payload=b"" if withhold else payload,
        payload_hash=hashlib.sha256(payload).digest(),
    )


def check_head_entries(entries, where):
    seen = set()
    for i, e in enumerate(entries):
        if not DEPARTMENT_ID.match(e.origin):
            raise Reject("invalid-field", f"{where}[{i}].origin invalid")
        if len(e.hash) != 32:
            raise Reject("invalid-field", f"{where}[{i}].hash length")
        if e.seq == 0 and bytes(e.hash) != ZERO_HASH:
            raise Reject("invalid-field", f"{where}[{i}].hash must be zero for seq 0")
        if e.origin in seen:
            raise Reject("invalid-field", f"{where}[{i}].origin appears twice")
        seen.add(e.origin)


def decode_bus_message(data):
    """Decodes one frame and applies every decode-time rule of the spec; raises Reject."""
    from google.protobuf.message import DecodeError

    try:
        msg = _bus.BusMessage.FromString(data)
    except DecodeError as e:
        raise Reject("malformed", f"not decodable: {e}")
    body = msg.WhichOneof("body")
    if body is None:
        raise Reject("unknown-message", "no body known to version 1")
    if body == "hello":
        if not DEPARTMENT_ID.match(msg.hello.department):
            raise Reject("invalid-field", "hello.department invalid")
        if msg.hello.protocol_version < 1:
            raise Reject("invalid-field", "hello.protocol_version must be >= 1")
        check_head_entries(msg.hello.heads, "hello.heads")
    elif body == "batch":
        check_batch_structure(msg.batch)
    elif body == "head":
        check_head_entries(msg.head.entries, "head.entries")
    elif body == "fetch":
        f = msg.fetch
        if f.request_id == 0 or not DEPARTMENT_ID.match(f.origin) or f.from_seq < 1 or f.to_seq < f.from_seq:
            raise Reject("invalid-field", "fetch fields")
    elif body == "miss":
        if msg.miss.request_id == 0 or not DEPARTMENT_ID.match(msg.miss.origin):
            raise Reject("invalid-field", "miss fields")
    return msg
