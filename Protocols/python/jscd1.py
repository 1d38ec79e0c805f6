#!/usr/bin/env python3
"""JSCD1 signed catalogs and content categories (Protocols/spec/2-JSC.md), independently of
the Swift implementation.

  jscd1.py --generated GEN make DIR    signs DIR/catalog.json into DIR/catalog.signed.json and
                                       DIR/anchor.json, and writes DIR/categories.json
  jscd1.py --generated GEN check DIR   verifies the signature, that altering it is detected,
                                       the catalog's structural rules, and every category case

GEN is the directory protoc --python_out wrote to (for the Finding and Referral messages).
The authority key is the RFC 8032 section 7.1 TEST 3 key, so anyone can check it.
"""

import argparse
import base64
import datetime
import json
import os
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives import serialization

import jsb

FORMAT = "JSCD1"
AUTHORITY = "shanghai-city"
AUTHORITY_SEED = "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"  # RFC 8032 TEST 3
UNREADABLE = "unreadable"


def signing_input(authority, key_id, document):
    """ "JSCD1" 0x00 || u32be(len(authority)) || authority || u32be(keyId) || document bytes """
    name = authority.encode("utf-8")
    return FORMAT.encode() + b"\x00" + struct.pack(">I", len(name)) + name + struct.pack(">I", key_id) + document


def raw_public(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def validate(catalog):
    """The structural rules of 2/JSC "The catalog document" that need no domain engine."""
    assert catalog["format"] == "joint-supervision/catalog" and catalog["formatVersion"] == 1, "format"
    assert catalog["version"] >= 1 and catalog["label"], "version and label"
    items = {}
    for item in catalog["items"]:
        assert item["id"] not in items, "item %s defined twice" % item["id"]
        items[item["id"]] = item
    scenario_ids = set()
    for scenario in catalog["scenarios"]:
        assert scenario["id"] not in scenario_ids, "scenario %s defined twice" % scenario["id"]
        scenario_ids.add(scenario["id"])
        for item in scenario["items"]:
            assert item in items, "scenario %s lists unknown item %s" % (scenario["id"], item)
    for rule in catalog["noPenaltyRules"]:
        assert rule["item"] in items, "rule %s about unknown item" % rule["id"]
        assert items[rule["item"]].get("measure") == rule["measure"], "rule %s measure" % rule["id"]
    routes = set()
    for route in catalog["routes"]:
        key = (route["category"], route.get("industry"))
        assert key not in routes, "route %s listed twice" % (key,)
        routes.add(key)
    spans = sorted((c["covers"]["start"], c["covers"]["end"]) for c in catalog["calendars"])
    assert spans, "at least one calendar"
    for (_, end), (start, _) in zip(spans, spans[1:]):
        following = datetime.date.fromisoformat(end) + datetime.timedelta(days=1)
        assert datetime.date.fromisoformat(start) == following, "calendars leave a gap or overlap at %s" % end
    return items


def category(kind, payload, catalogs):
    """The category of an event's content (2/JSC "Categories"); None for kinds without one.
    `catalogs` maps catalog versions to their item dictionaries; key None is the one in force."""
    if kind == "finding":
        message = jsb.domain().Finding()
        try:
            message.ParseFromString(payload)
        except Exception:
            return UNREADABLE
        if message.category:
            return message.category
        items = catalogs.get(message.catalog_version or None) or catalogs[None]
        item = items.get(message.item_id)
        return item["category"] if item else UNREADABLE
    if kind == "referral":
        message = jsb.domain().Referral()
        try:
            message.ParseFromString(payload)
        except Exception:
            return UNREADABLE
        return message.category or UNREADABLE
    return None


def cases():
    d = jsb.domain()

    def finding(**fields):
        return d.Finding(inspection_id="JI-1", entity="91310115MA1K4C0X3B", result=2, recorded_date="2026-07-01",
                         **fields).SerializeToString()

    return [
        ("finding with its category", "finding",
         finding(item_id="fire.detectors", category="fire-safety", catalog_version=2)),
        ("the category field wins over the item", "finding",
         finding(item_id="fire.detectors", category="public-health", catalog_version=2)),
        ("an item unknown to the receiver, with its category", "finding",
         finding(item_id="health.disinfection", category="public-health", catalog_version=3)),
        ("no category field: the item's category in the catalog in force", "finding",
         finding(item_id="market.price-display")),
        ("no category field, unknown item", "finding", finding(item_id="health.disinfection")),
        ("not a Finding", "finding", b"\xff\xff\xff"),
        ("referral", "referral",
         d.Referral(referral_id="R-1", from_department="education", to_department="fire",
                    category="fire-safety").SerializeToString()),
        ("referral without category", "referral", d.Referral(referral_id="R-2").SerializeToString()),
        ("kinds without categories", "intent", d.Intent(entity="91310115MA1K4C0X3B").SerializeToString()),
    ]


def make(directory):
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(AUTHORITY_SEED))
    with open(os.path.join(directory, "catalog.json"), "rb") as f:
        document = f.read()
    catalogs = {None: validate(json.loads(document))}
    signature = key.sign(signing_input(AUTHORITY, 0, document))
    signed = {"format": FORMAT, "authority": AUTHORITY, "keyId": 0,
              "document": base64.b64encode(document).decode(), "signature": base64.b64encode(signature).decode()}
    anchor = {"authority": AUTHORITY, "keys": {"0": base64.b64encode(raw_public(key)).decode()}}
    rows = [{"case": name, "kind": kind, "payload_base64": base64.b64encode(payload).decode(),
             "category": category(kind, payload, catalogs)} for name, kind, payload in cases()]
    for name, value in (("catalog.signed.json", signed), ("anchor.json", anchor), ("categories.json", rows)):
        with open(os.path.join(directory, name), "w") as f:
            json.dump(value, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.write("\n")


def verify(signed, anchor):
    """The body bytes when `signed` verifies against `anchor`, else raises."""
    if signed["format"] != FORMAT or signed["authority"] != anchor["authority"]:
        raise ValueError("format or authority")
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(anchor["keys"][str(signed["keyId"])]))
    document = base64.b64decode(signed["document"])
    public.verify(base64.b64decode(signed["signature"]), signing_input(signed["authority"], signed["keyId"], document))
    return document


def check(directory):
    def load(name):
        with open(os.path.join(directory, name)) as f:
            return json.load(f)

    signed, anchor, rows = load("catalog.signed.json"), load("anchor.json"), load("categories.json")
    document = verify(signed, anchor)
    for field in ("document", "keyId", "authority"):
        altered = dict(signed)
        if field == "document":
            altered["document"] = base64.b64encode(document.replace(b'"fire"', b'"fira"', 1)).decode()
        elif field == "keyId":
            altered["keyId"] = 0 if signed["keyId"] else 1
            anchor_with = dict(anchor, keys=dict(anchor["keys"], **{str(altered["keyId"]): anchor["keys"]["0"]}))
        else:
            altered["authority"] = "elsewhere"
        try:
            verify(altered, anchor_with if field == "keyId" else anchor)
        except (InvalidSignature, ValueError, KeyError):
            continue
        print("FAIL: altered %s still verifies" % field)
        return 1
    catalogs = {None: validate(json.loads(document))}
    failures = 0
    for row in rows:
        got = category(row["kind"], base64.b64decode(row["payload_base64"]), catalogs)
        if got != row["category"]:
            print("FAIL: %s: expected %r, got %r" % (row["case"], row["category"], got))
            failures += 1
    print("jscd1: signature, tamper checks, catalog rules and %d category cases %s" %
          (len(rows), "ok" if not failures else "FAILED"))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--generated", required=True)
    ap.add_argument("command", choices=["make", "check"])
    ap.add_argument("directory")
    args = ap.parse_args()
    jsb.load_generated(args.generated)
    if args.command == "make":
        make(args.directory)
        return 0
    return check(args.directory)


if __name__ == "__main__":
    sys.exit(main())
