#!/usr/bin/env python3
"""Writes samples/bad/: one small file per bad-input case the reader must name.

Deterministic (no timestamps, no randomness). Run: python3 scripts/make-bad-samples.py
Each file's expected error kind is listed in samples/bad/EXPECTED.tsv; the test
crates/gongkai-cli/tests/bad_inputs.rs checks the CLI against it.
"""
import os
import subprocess
import zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "samples", "bad")


def pdf(objects, root=1, trailer_extra=b"", xref=True, size=None):
    """Assembles a classic PDF from {num: body-bytes} with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    n = (size or max(objects) + 1)
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % n
        for i in range(1, n):
            out += b"%010d 00000 n \n" % offsets.get(i, 0)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (n, root, trailer_extra, start)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


TEXT = b"BT /F1 12 Tf 72 720 Td (Hello bad input) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def good_objects(content=TEXT, media=b"[0 0 612 792]"):
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % media,
        4: stream(content),
        5: FONT,
    }


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    good = pdf(good_objects())
    expected = []

    write("zero-bytes.pdf", b"")
    expected.append(("zero-bytes.pdf", "empty"))

    write("not-a-pdf.pdf", b"<html><body>This is a web page saved with a .pdf name.</body></html>\n")
    expected.append(("not-a-pdf.pdf", "not_pdf"))

    # Cut inside the first object: nothing usable remains.
    write("truncated.pdf", good[:40])
    expected.append(("truncated.pdf", "corrupt"))

    # Objects and xref replaced by garbage after the header.
    write("corrupt-xref.pdf", b"%PDF-1.4\n" + bytes((i * 37 + 11) % 256 for i in range(600)) + b"\nstartxref\n999999\n%%EOF\n")
    expected.append(("corrupt-xref.pdf", "corrupt"))

    loop = good_objects()
    loop[2] = b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"
    write("page-tree-loop.pdf", pdf(loop))
    expected.append(("page-tree-loop.pdf", "page_tree"))

    nopages = good_objects()
    nopages[2] = b"<< /Type /Pages /Kids [] /Count 0 >>"
    write("no-pages.pdf", pdf(nopages))
    expected.append(("no-pages.pdf", "no_pages"))

    write("huge-page.pdf", pdf(good_objects(media=b"[0 0 9000000 9000000]")))
    expected.append(("huge-page.pdf", "huge_page"))

    broken = good_objects()
    bad_z = b"x\x9c" + bytes((i * 91 + 7) % 256 for i in range(200))
    broken[4] = stream(bad_z, b"/Filter /FlateDecode ")
    write("broken-stream.pdf", pdf(broken))
    expected.append(("broken-stream.pdf", "broken_content"))

    # Encrypted with a user password (qpdf; RC4 with a static /ID keeps the bytes stable).
    plain = os.path.join(OUT, ".plain.tmp.pdf")
    with open(plain, "wb") as f:
        f.write(good)
    try:
        subprocess.run(["qpdf", "--static-id", "--allow-weak-crypto", "--encrypt", "secret", "owner", "128", "--use-aes=n", "--", plain,
                        os.path.join(OUT, "encrypted-password.pdf")], check=True)
        expected.append(("encrypted-password.pdf", "password_required"))
    finally:
        os.remove(plain)

    with open(os.path.join(OUT, "EXPECTED.tsv"), "w") as f:
        f.write("file\terror_kind\n")
        for name, kind in expected:
            f.write(f"{name}\t{kind}\n")

    # Recoverable damage: these must open and give the text "Hello bad input".
    rec = os.path.join(OUT, "recoverable")
    os.makedirs(rec, exist_ok=True)
    # xref offsets all wrong: the reader must rebuild by scanning for objects.
    bad_xref = bytearray(good)
    i = bad_xref.find(b"xref\n")
    body = bytes(bad_xref[i:]).split(b"\n")
    fixed = []
    for line in body:
        if line.endswith(b" 00000 n ") or line.endswith(b" 00000 n"):
            line = b"0000000001 00000 n "
        fixed.append(line)
    write(os.path.join("recoverable", "wrong-xref-offsets.pdf"), bytes(bad_xref[:i]) + b"\n".join(fixed))
    # No xref at all and a wrong startxref.
    write(os.path.join("recoverable", "missing-xref.pdf"), pdf(good_objects(), xref=False))
    # Truncated after the last object (xref and trailer lost).
    cut = good.find(b"xref\n")
    write(os.path.join("recoverable", "truncated-trailer.pdf"), good[:cut])


if __name__ == "__main__":
    main()
