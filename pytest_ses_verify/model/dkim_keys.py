"""BYODKIM keys: the public half of an RSA private key, as DKIM publishes it in DNS.

Pure: no botocore, no pytest, no clock, and no crypto library: an RSA private key
(PKCS#1 ``RSAPrivateKey`` or PKCS#8 ``PrivateKeyInfo``, DER, base64 without PEM
armour, as SES takes it) carries its modulus and public exponent in the clear, so
the public key is read and re-encoded, never computed.
"""

from __future__ import annotations

import base64
import binascii

# AlgorithmIdentifier { rsaEncryption, NULL }
_RSA_ALGORITHM = bytes.fromhex("300d06092a864886f70d0101010500")


def _read(data: bytes, at: int) -> tuple[int, bytes, int]:
    """One DER element at ``at``: (tag, contents, where the next element starts)."""
    tag, length = data[at], data[at + 1]
    at += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[at : at + count], "big")
        at += count
    contents = data[at : at + length]
    if len(contents) != length:
        raise ValueError("truncated DER")
    return tag, contents, at + length


def _elements(contents: bytes) -> list[tuple[int, bytes]]:
    found, at = [], 0
    while at < len(contents):
        tag, value, at = _read(contents, at)
        found.append((tag, value))
    return found


def _der(tag: int, contents: bytes) -> bytes:
    length = len(contents)
    if length < 0x80:
        return bytes([tag, length]) + contents
    size = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + contents


def public_keys(private_key: str) -> tuple[frozenset[str], int]:
    """The base64 public keys a DKIM TXT record may hold for ``private_key`` (the
    SubjectPublicKeyInfo form, as ``p=`` usually carries it, and the bare RSAPublicKey
    form), and the key size in bits. A key that cannot be read gives no public key: SES
    accepts such a key and the domain never verifies (README's behaviour table)."""
    try:
        der = base64.b64decode(private_key, validate=True)
        tag, contents, _ = _read(der, 0)
        fields = _elements(contents)
        if len(fields) == 3 and fields[1][0] == 0x30:  # PKCS#8: the key in an OCTET STRING
            tag, contents, _ = _read(fields[2][1], 0)
            fields = _elements(contents)
        if tag != 0x30 or len(fields) < 3 or fields[1][0] != 0x02 or fields[2][0] != 0x02:
            return frozenset(), 0
        modulus, exponent = fields[1][1], fields[2][1]
    except (ValueError, IndexError, binascii.Error):
        return frozenset(), 0
    rsa_public = _der(0x30, _der(0x02, modulus) + _der(0x02, exponent))
    spki = _der(0x30, _RSA_ALGORITHM + _der(0x03, b"\x00" + rsa_public))
    bits = int.from_bytes(modulus, "big").bit_length()
    forms = {base64.b64encode(spki).decode(), base64.b64encode(rsa_public).decode()}
    return frozenset(forms), bits
