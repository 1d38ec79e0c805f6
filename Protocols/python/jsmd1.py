#!/usr/bin/env python3
"""JSMD1 signed membership documents (Protocols/spec/1-JSB.md, "Signed membership"),
independently of the Swift implementation.

  jsmd1.py make DIR    writes the golden vector DIR/membership.signed.json and DIR/anchor.json
  jsmd1.py check DIR   verifies them, and that altering any part is detected

The authority key is the RFC 8032 section 7.1 TEST 3 key, so anyone can check it.
"""

import base64
import json
import os
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives import serialization

AUTHORITY = "shanghai-city"
AUTHORITY_SEED = "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"  # RFC 8032 TEST 3


def signing_input(authority, key_id, document):
    """ "JSMD1" 0x00 || u32be(len(authority)) || authority || u32be(keyId) || document bytes """
    name = authority.encode("utf-8")
    return b"JSMD1\x00" + struct.pack(">I", len(name)) + name + struct.pack(">I", key_id) + document


def raw_public(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def body():
    # Z85 keys: the CurveZMQ RFC 26 example server and client public keys.
    return {
        "version": 7,
        "issuedAt": "2026-11-01T00:00:00Z",
        "expiresAt": "2099-01-01T00:00:00Z",
        "departments": [
            {
                "id": "fire",
                "name": "Fire and Rescue",
                "busEndpoint": "tcp://198.18.0.2:7100",
                "curveKey": "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7",
                "signingKeys": {"0": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="},
                "roles": ["inspector"],
                "receives": {"kinds": ["intent", "finding"], "categories": ["fire-safety"]},
            },
            {
                "id": "market",
                "name": "Market Regulation",
                "busEndpoint": "tcp://198.18.0.3:7100",
                "curveKey": "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID",
                "signingKeys": {"0": "PUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw="},
            },
        ],
    }


def make(directory):
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(AUTHORITY_SEED))
    document = json.dumps(body(), indent=2, sort_keys=True).encode("utf-8")
    signature = key.sign(signing_input(AUTHORITY, 0, document))
    signed = {
        "format": "JSMD1",
        "authority": AUTHORITY,
        "keyId": 0,
        "document": base64.b64encode(document).decode(),
        "signature": base64.b64encode(signature).decode(),
    }
    anchor = {"authority": AUTHORITY, "keys": {"0": base64.b64encode(raw_public(key)).decode()}}
    os.makedirs(directory, exist_ok=True)
    for name, value in (("membership.signed.json", signed), ("anchor.json", anchor)):
        with open(os.path.join(directory, name), "w") as f:
            json.dump(value, f, indent=2, sort_keys=True)
            f.write("\n")


def verify(signed, anchor):
    """Returns the body (dict) or raises ValueError naming the failure."""
    if signed.get("format") != "JSMD1":
        raise ValueError("not JSMD1")
    if signed["authority"] != anchor["authority"]:
        raise ValueError("another authority")
    key_b64 = anchor["keys"].get(str(signed["keyId"]))
    if key_b64 is None:
        raise ValueError("unknown key id")
    document = base64.b64decode(signed["document"])
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key_b64))
    try:
        public.verify(base64.b64decode(signed["signature"]), signing_input(signed["authority"], signed["keyId"], document))
    except InvalidSignature:
        raise ValueError("signature does not verify")
    return json.loads(document)


def check(directory):
    with open(os.path.join(directory, "membership.signed.json")) as f:
        signed = json.load(f)
    with open(os.path.join(directory, "anchor.json")) as f:
        anchor = json.load(f)
    failures = 0
    membership = verify(signed, anchor)
    if membership["version"] != 7 or [d["id"] for d in membership["departments"]] != ["fire", "market"]:
        print("FAIL jsmd1: body not as expected")
        failures += 1
    else:
        print("ok   jsmd1: the golden signed membership verifies")
    document = bytearray(base64.b64decode(signed["document"]))
    document[len(document) // 2] ^= 0x01
    for what, altered in (
        ("document", dict(signed, document=base64.b64encode(bytes(document)).decode())),
        ("authority", dict(signed, authority="someone-else")),
        ("key id", dict(signed, keyId=1)),
    ):
        try:
            verify(altered, anchor)
            print(f"FAIL jsmd1: an altered {what} verified")
            failures += 1
        except ValueError:
            print(f"ok   jsmd1: an altered {what} is refused")
    return failures


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "check"):
        sys.exit(__doc__)
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        sys.exit(1 if check(sys.argv[2]) else 0)
