#!/usr/bin/env python3
"""Writes the golden vectors of Protocols/vectors/ (run by hand when they must change;
the committed files are the contract). Usage: make_vectors.py GENERATED_DIR OUT_DIR

Keys are the RFC 8032 section 7.1 test keys, so anyone can check them.
"""

import base64
import hashlib
import json
import os
import sys

from google.protobuf import json_format

import jsb

# RFC 8032, 7.1, TEST 1 and TEST 2 secret keys.
FIRE_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
OTHER_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"
T0 = 1782864000000  # 2026-07-01T00:00:00Z


def to_json(msg):
    return json_format.MessageToDict(msg, preserving_proto_field_name=True)


def key_info(seed):
    key = jsb.private_key(seed)
    return {"seed_hex": seed, "public_key_hex": jsb.public_key_bytes(key).hex(), "key_id": 0}


def payloads():
    d = jsb.domain()
    intent = d.Intent(
        department="fire",
        entity="91310101MA1FPX0001",
        window_start="2026-07-01",
        window_end="2026-09-30",
        item_ids=["fire.extinguishers", "fire.evacuation-routes"],
        reason=d.INTENT_REASON_RANDOM_DRAW,
        draw=d.DrawReference(period="2026-Q3", seed="5eed0000c0ffee"),
    )
    proposal = d.PlanProposal(
        plan_id="plan-2026-q3-huangpu",
        version=1,
        plan_hash=hashlib.sha256(b"canonical plan form").digest(),
        period="2026-Q3",
        inspections=[
            d.JointInspection(
                inspection_id="ji-0001",
                entity="91310101MA1FPX0001",
                date="2026-08-12",
                lead="culture",
                participants=["culture", "fire", "market"],
                items=[
                    d.ChecklistItem(item_id="culture.script-filing", owner="culture"),
                    d.ChecklistItem(item_id="fire.extinguishers", owner="fire"),
                    d.ChecklistItem(item_id="market.business-scope", owner="market"),
                ],
                inspectors=[
                    d.InspectorQuota(department="culture", count=2),
                    d.InspectorQuota(department="fire", count=2),
                    d.InspectorQuota(department="market", count=1),
                ],
                intents=[d.EventRef(origin="fire", seq=1), d.EventRef(origin="culture", seq=17)],
            )
        ],
        single_visits=[
            d.SingleVisit(
                inspection_id="sv-0001",
                entity="91310101MA1FPX0002",
                department="fire",
                date="2026-08-20",
                item_ids=["fire.detectors"],
                intent=d.EventRef(origin="fire", seq=9),
                reason=d.SINGLE_VISIT_REASON_NO_PARTNER,
            )
        ],
    )
    finding = d.Finding(
        inspection_id="ji-0001",
        entity="91310101MA1FPX0001",
        item_id="fire.detectors",
        result=d.FINDING_RESULT_VIOLATION,
        measurements=[d.Quantity(name="broken_detectors_per_floor", value=1.0, unit="count")],
        evidence_hashes=[hashlib.sha256(b"photo-1").digest()],
        recorded_date="2026-08-12",
    )
    vote = d.PlanVote(
        plan_id="plan-2026-q3-huangpu",
        version=1,
        plan_hash=proposal.plan_hash,
        decision=d.VOTE_DECISION_ACCEPT,
    )
    referral = d.Referral(
        referral_id="ref-0001",
        from_department="fire",
        to_department="market",
        finding=d.EventRef(origin="fire", seq=3),
        category="market.price-display",
        accept_due="2026-08-14",
        decision_due="2026-08-18",
        feedback_due="2026-11-10",
    )
    ack = d.ReferralAck(
        referral_id="ref-0007",
        status=d.REFERRAL_STATUS_CASE_OPENED,
        note="case opened",
        referral=d.EventRef(origin="market", seq=31),
    )
    test = d.TestEvent(body=bytes(range(16)))
    # A payload of a later version: field 1 as a string, plus field 99 (varint 7).
    future = b"\x0a\x05hello" + b"\x98\x06\x07"
    return intent, proposal, finding, vote, referral, ack, test, future


def event_record(ev, clear_payload):
    rec = {
        "seq": ev.seq,
        "kind": ev.kind,
        "payload_withheld": len(ev.payload) == 0 and bytes(ev.payload_hash) != hashlib.sha256(b"").digest(),
        "payload_hash_hex": bytes(ev.payload_hash).hex(),
        "event_hash_input_hex": jsb.event_hash_input(ev).hex(),
        "event_hash_hex": jsb.event_hash(ev).hex(),
    }
    cls = jsb.payload_class(ev.kind)
    if len(ev.payload) > 0 and cls is not None:
        rec["payload"] = to_json(cls.FromString(ev.payload))
    elif clear_payload is not None and cls is not None:
        # Withheld: what the origin encoded (the hash matches these bytes).
        rec["withheld_payload_base64"] = base64.b64encode(clear_payload).decode()
    return rec


def batch_vector(name, description, batch, prev_hash, seed, clear_payloads):
    msg = jsb.bus().BusMessage(batch=batch)
    cp = batch.checkpoint
    return msg, {
        "description": description,
        "expect": "accept",
        "signing_keys": {batch.origin: key_info(seed)},
        "previous_hash_hex": prev_hash.hex(),
        "events": [event_record(ev, clear_payloads.get(ev.seq)) for ev in batch.events],
        "checkpoint": {
            "signing_input_hex": jsb.checkpoint_input(cp.origin, cp.seq, bytes(cp.event_hash)).hex(),
            "signature_hex": bytes(cp.signature).hex(),
        },
    }


def main():
    gen, out = sys.argv[1], sys.argv[2]
    jsb.load_generated(gen)
    b = jsb.bus()
    fire = jsb.private_key(FIRE_SEED)
    intent, proposal, finding, vote, referral, ack, test, future = payloads()

    vectors = []

    # 02: live push of fire events 1-3.
    e1 = jsb.make_event("fire", 1, jsb.ZERO_HASH, T0, "intent", intent.SerializeToString())
    e2 = jsb.make_event("fire", 2, jsb.event_hash(e1), T0 + 1500, "plan.proposal", proposal.SerializeToString())
    e3 = jsb.make_event("fire", 3, jsb.event_hash(e2), T0 + 2000, "finding", finding.SerializeToString())
    live = jsb.make_batch("fire", fire, [e1, e2, e3])
    msg, meta = batch_vector(
        "02-batch-live", "Live push (request_id 0) of fire's events 1-3: intent, plan.proposal, finding.",
        live, jsb.ZERO_HASH, FIRE_SEED, {})
    vectors.append(("02-batch-live", msg, meta))

    # 03: fetch reply with fire's events 4-8: a vote, a withheld referral, an ack, a test
    # event, and an event of a kind version 1 does not know.
    ref_bytes = referral.SerializeToString()
    e4 = jsb.make_event("fire", 4, jsb.event_hash(e3), T0 + 3000, "plan.vote", vote.SerializeToString())
    e5 = jsb.make_event("fire", 5, jsb.event_hash(e4), T0 + 4000, "referral", ref_bytes, withhold=True)
    e6 = jsb.make_event("fire", 6, jsb.event_hash(e5), T0 + 5000, "referral.ack", ack.SerializeToString())
    e7 = jsb.make_event("fire", 7, jsb.event_hash(e6), T0 + 6000, "test", test.SerializeToString())
    e8 = jsb.make_event("fire", 8, jsb.event_hash(e7), T0 + 7000, "x-future.kind", future)
    reply = jsb.make_batch("fire", fire, [e4, e5, e6, e7, e8], request_id=42)
    msg, meta = batch_vector(
        "03-batch-fetch-reply",
        "Fetch reply (request_id 42) with fire's events 4-8: plan.vote, referral with its payload "
        "withheld, referral.ack, test, and kind x-future.kind (unknown: stored, not interpreted; "
        "its payload carries an unknown field 99).",
        reply, jsb.event_hash(e3), FIRE_SEED, {5: ref_bytes})
    meta["events"][4]["raw_payload_base64"] = base64.b64encode(future).decode()
    vectors.append(("03-batch-fetch-reply", msg, meta))

    h8 = jsb.event_hash(e8)
    edu = hashlib.sha256(b"education-12").digest()

    # 01: hello.
    hello = b.Hello(department="market", agent="jsb-vectors/1", protocol_version=1,
                    heads=[b.HeadEntry(origin="fire", seq=8, hash=h8),
                           b.HeadEntry(origin="education", seq=12, hash=edu)])
    vectors.append(("01-hello", b.BusMessage(hello=hello),
                    {"description": "HELLO from market with its version vector.", "expect": "accept"}))

    # 04: head.
    head = b.Head(entries=[b.HeadEntry(origin="fire", seq=8, hash=h8),
                           b.HeadEntry(origin="education", seq=12, hash=edu),
                           b.HeadEntry(origin="market", seq=1, hash=hashlib.sha256(b"market-1").digest())])
    vectors.append(("04-head", b.BusMessage(head=head),
                    {"description": "HEAD: a version vector of three origins.", "expect": "accept"}))

    # 05, 06: fetch and miss.
    vectors.append(("05-fetch", b.BusMessage(fetch=b.FetchRequest(
        request_id=42, origin="fire", from_seq=4, to_seq=8, max_events=4096)),
        {"description": "FETCH of fire 4-8, at most 4096 events.", "expect": "accept"}))
    vectors.append(("06-miss", b.BusMessage(miss=b.FetchMiss(request_id=43, origin="culture", held_seq=0)),
                    {"description": "FETCH-MISS: holds nothing of culture.", "expect": "accept"}))

    raw = {}
    for name, m, meta in vectors:
        raw[name] = m.SerializeToString()

    # 07: a HEAD with unknown fields (BusMessage field 100, HeadEntry field 9): accepted,
    # decodes as 04 without them.
    head_with_unknown = bytearray()
    entry = b.HeadEntry(origin="fire", seq=8, hash=h8).SerializeToString() + b"\x48\x01"  # field 9 varint 1
    head_body = b"\x0a" + bytes([len(entry)]) + entry
    head_with_unknown += b"\x1a" + bytes([len(head_body)]) + head_body
    head_with_unknown += b"\xa2\x06\x03abc"  # field 100, length-delimited "abc"
    m7 = b.BusMessage.FromString(bytes(head_with_unknown))
    extra = [("07-unknown-fields", bytes(head_with_unknown), m7,
              {"description": "HEAD with unknown fields (HeadEntry field 9, BusMessage field 100): "
                              "accepted; the unknown fields are ignored.", "expect": "accept",
               "reencodes_identically": False})]

    # Rejections.
    unknown_body = b"\xfa\x01\x02\x08\x01"  # field 31 (a later version's body), length 2
    extra.append(("08-reject-unknown-body", unknown_body, None,
                  {"description": "A BusMessage whose only field is body 31, unknown to version 1.",
                   "expect": "reject", "reject_stage": "decode", "error_code": "unknown-message"}))
    truncated = raw["02-batch-live"][:-7]
    extra.append(("09-reject-truncated", truncated, None,
                  {"description": "02-batch-live cut 7 bytes short: not decodable.",
                   "expect": "reject", "reject_stage": "decode", "error_code": "malformed"}))
    bad = b.BusMessage(batch=live)
    bad.batch.events[1].prev_hash = bytes(31)
    extra.append(("10-reject-short-hash", bad.SerializeToString(), bad,
                  {"description": "02-batch-live with event 2's prev_hash 31 bytes long.",
                   "expect": "reject", "reject_stage": "decode", "error_code": "invalid-field"}))
    gap = jsb.make_batch("fire", fire, [e1, e3])
    extra.append(("11-reject-non-consecutive", b.BusMessage(batch=gap).SerializeToString(), b.BusMessage(batch=gap),
                  {"description": "A batch of fire's events 1 and 3: seqs not consecutive.",
                   "expect": "reject", "reject_stage": "decode", "error_code": "inconsistent-batch"}))
    forged = jsb.make_batch("fire", jsb.private_key(OTHER_SEED), [e1, e2, e3])
    extra.append(("12-reject-bad-signature", b.BusMessage(batch=forged).SerializeToString(),
                  b.BusMessage(batch=forged),
                  {"description": "fire's events 1-3 with a checkpoint signed by another key: decodes, "
                                  "but the signature does not verify with fire's key.",
                   "expect": "reject", "reject_stage": "verify", "error_code": "bad-signature",
                   "signing_keys": {"fire": key_info(FIRE_SEED)},
                   "previous_hash_hex": jsb.ZERO_HASH.hex()}))
    tampered = b.BusMessage(batch=live)
    tampered.batch.events[1].payload = tampered.batch.events[1].payload[:-1] + b"\x00"
    extra.append(("13-reject-payload-hash", tampered.SerializeToString(), tampered,
                  {"description": "02-batch-live with one byte of event 2's payload changed.",
                   "expect": "reject", "reject_stage": "verify", "error_code": "payload-hash-mismatch",
                   "signing_keys": {"fire": key_info(FIRE_SEED)},
                   "previous_hash_hex": jsb.ZERO_HASH.hex()}))

    os.makedirs(out, exist_ok=True)
    for name, m, meta in vectors:
        write(out, name, raw[name], m, {**meta, "reencodes_identically": True})
    for name, data, m, meta in extra:
        write(out, name, data, m, meta)


def write(out, name, data, msg, meta):
    with open(os.path.join(out, name + ".bin"), "wb") as f:
        f.write(data)
    doc = {"name": name, "file": name + ".bin", "size": len(data),
           "sha256_hex": hashlib.sha256(data).hexdigest()}
    doc.update(meta)
    if msg is not None and meta["expect"] == "accept":
        doc["message"] = to_json(msg)
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
