"""Uploads with active content are refused at every upload point: PDFs with JavaScript or embedded files, Office
files with macros, PDFs that cannot be checked (encrypted, damaged); and every upload is scanned by ClamAV's
daemon when the deployment has one (a fake clamd on 127.0.0.1 here)."""

import io
import socket
import socketserver
import struct
import threading
import zipfile

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from questionnaires.models import Recommendation
from tests.helpers import MINIMAL_PDF
from tests.security.upload_points import UPLOAD_POINTS, docx, media_files, stored

JAVASCRIPT = "The PDF contains JavaScript or actions that run when it is opened"
EMBEDDED = "The PDF contains embedded files (attachments)"
MACROS = "The file contains macros"
ENCRYPTED = "The PDF is encrypted or protected by a password"
BROKEN = "The PDF could not be read: it may be damaged."
VIRUS = "The file was refused: the virus scanner found Eicar-Signature in it."
SCANNER_DOWN = "The file could not be checked for viruses: the virus scanner is not answering. Try again later."
# The antivirus test file, put together here so that no scanner takes this module for it.
EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf_with(change=None, **save_options):
    """A one-page PDF made by pikepdf, after `change(pdf)`."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if change:
        change(pdf)
    buffer = io.BytesIO()
    pdf.save(buffer, **save_options)
    return buffer.getvalue()


def javascript_action():
    return pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('opened')"))


def open_action(pdf):
    pdf.Root.OpenAction = javascript_action()


def document_javascript(pdf):
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("run"), javascript_action()]))
    )


def page_open_action(pdf):
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=javascript_action())


def link_to_a_program(pdf):
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    annotation = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 100, 100], A=launch)
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([annotation]))


def embedded_file(pdf):
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00payload", mime_type="text/plain")


def file_attachment_annotation(pdf):
    spec = pikepdf.AttachedFileSpec(pdf, b"hidden", filename="hidden.txt")
    annotation = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[0, 0, 20, 20], FS=spec.obj
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([annotation]))


def office(entries):
    """An Office Open XML file (a ZIP archive) of `entries` (name, content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


# The VBA project of a macro-enabled file: what Office stores; its content matters not, its presence does.
VBA_PROJECT = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
DOCM = office(
    [
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", "<w:document/>"),
        ("word/vbaProject.bin", VBA_PROJECT),
    ]
)
XLSM = office(
    [
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/vbaProject.bin", VBA_PROJECT),
    ]
)
XLSM_EXCEL4 = office(
    [
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/macrosheets/sheet1.xml", "<xm:macrosheet/>"),
    ]
)

# A compound file (OLE), the container of .doc and .xls files and of a VBA project. --------------------------
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def compound_file(tree):
    """A compound file (OLE) of `tree`: {name: bytes (a stream) or dict (a storage)}; each stream is padded to 4096
    bytes, so that it lives in regular sectors (no mini stream)."""
    entries = [{"name": "Root Entry", "type": 5, "children": []}]
    streams = []

    def add(parent, items):
        for name, value in items.items():
            entry = {"name": name, "type": 1 if isinstance(value, dict) else 2, "children": []}
            entries.append(entry)
            parent["children"].append(len(entries) - 1)
            if isinstance(value, dict):
                add(entry, value)
            else:
                data = value.ljust(4096, b"\0")
                entry["size"] = len(value)
                entry["data"] = data
                streams.append(entry)

    add(entries[0], tree)
    directory_sectors = (len(entries) + 3) // 4
    sector = 1 + directory_sectors
    fat = [FATSECT] + [index + 1 if index < directory_sectors else END for index in range(1, directory_sectors + 1)]
    for entry in streams:
        count = len(entry["data"]) // 512
        entry["start"] = sector
        fat += [sector + index + 1 for index in range(count - 1)] + [END]
        sector += count
    assert len(fat) <= 128
    fat += [FREE] * (128 - len(fat))

    def key(index):
        name = entries[index]["name"]
        return (len(name), name.upper())

    records = []
    for entry in entries:
        # Siblings chained by their right pointers, in the order of names that the format asks for.
        children = sorted(entry["children"], key=key)
        for here, following in zip(children, [*children[1:], None], strict=False):
            entries[here]["right"] = following if following is not None else NOSTREAM
        entry["child"] = children[0] if children else NOSTREAM
    for entry in entries:
        name = entry["name"].encode("utf-16-le") + b"\0\0"
        records.append(
            name.ljust(64, b"\0")
            + struct.pack("<HBB", len(name), entry["type"], 1)
            + struct.pack("<III", NOSTREAM, entry.get("right", NOSTREAM), entry["child"])
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", entry.get("start", END if entry["type"] != 1 else 0), entry.get("size", 0))
        )
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + bytes(52)
    records += [empty] * (directory_sectors * 4 - len(records))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + b"".join(records) + b"".join(entry["data"] for entry in streams)


# A VBA project as olevba finds it (MS-OVBA): a PROJECT stream beside a VBA storage holding _VBA_PROJECT and dir.
LEGACY_VBA = {"PROJECT": b'ID="{0}"\r\n', "VBA": {"_VBA_PROJECT": b"\xcc\x61", "dir": b"\x01"}}
DOC = compound_file({"WordDocument": b"\xec\xa5" + bytes(100)})
DOC_WITH_VBA = compound_file({"WordDocument": b"\xec\xa5" + bytes(100), "Macros": LEGACY_VBA})
XLS_WITH_VBA = compound_file({"Workbook": bytes(100), "_VBA_PROJECT_CUR": LEGACY_VBA})

REFUSED = {
    "pdf-open-action-javascript": ("note.pdf", pdf_with(open_action), JAVASCRIPT),
    "pdf-document-javascript": ("note.pdf", pdf_with(document_javascript), JAVASCRIPT),
    "pdf-page-additional-action": ("note.pdf", pdf_with(page_open_action), JAVASCRIPT),
    "pdf-launch-action": ("note.pdf", pdf_with(link_to_a_program), JAVASCRIPT),
    "pdf-embedded-file": ("note.pdf", pdf_with(embedded_file), EMBEDDED),
    "pdf-file-attachment-annotation": ("note.pdf", pdf_with(file_attachment_annotation), EMBEDDED),
    "pdf-encrypted": ("note.pdf", pdf_with(encryption=pikepdf.Encryption(owner="o", user="secret")), ENCRYPTED),
    "pdf-encrypted-without-password": ("note.pdf", pdf_with(encryption=pikepdf.Encryption(owner="o")), ENCRYPTED),
    "pdf-damaged": ("note.pdf", b"%PDF-1.7\n1 0 obj<</Type/Catalog>>\n%%EOF\n", BROKEN),
    "docm": ("report.docm", DOCM, MACROS),
    "docm-named-docx": ("report.docx", DOCM, MACROS),
    "xlsm": ("figures.xlsm", XLSM, MACROS),
    "xlsm-excel-4-macros": ("figures.xlsx", XLSM_EXCEL4, MACROS),
    "doc-with-vba": ("report.doc", DOC_WITH_VBA, MACROS),
    "xls-with-vba": ("figures.xls", XLS_WITH_VBA, MACROS),
}


@pytest.mark.parametrize("point", UPLOAD_POINTS)
@pytest.mark.parametrize(("name", "content", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_upload_with_active_content_is_refused_with_a_message(questionnaire, clients, point, name, content, message):
    client, url, data, field = point(clients, questionnaire)
    before = stored()

    response = client.post(url, {**data, field: SimpleUploadedFile(name, content)}, follow=True)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored() == before


CLEAN = {
    "pdf": ("note.pdf", MINIMAL_PDF),
    "pdf-by-pikepdf": ("note.pdf", pdf_with()),
    "docx": ("report.docx", docx()),
    "doc": ("report.doc", DOC),
}


@pytest.mark.parametrize("point", UPLOAD_POINTS)
@pytest.mark.parametrize(("name", "content"), CLEAN.values(), ids=CLEAN.keys())
def test_clean_pdf_and_docx_are_accepted(questionnaire, clients, point, name, content):
    client, url, data, field = point(clients, questionnaire)
    before = stored()

    client.post(url, {**data, field: SimpleUploadedFile(name, content)}, follow=True)

    new_files = [path for path in media_files() if path.name not in before["files"]]
    assert [path.read_bytes() for path in new_files] == [content]


def test_a_pdf_whose_page_links_elsewhere_in_it_is_accepted(questionnaire, clients):
    def go_to_page(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    client, url, data, field = UPLOAD_POINTS[0](clients, questionnaire)
    client.post(url, {**data, field: SimpleUploadedFile("note.pdf", pdf_with(go_to_page))})
    assert len(media_files()) == 1


# The virus scanner -------------------------------------------------------------------------------------------


class _Clamd(socketserver.BaseRequestHandler):
    """clamd's INSTREAM, as far as the portal uses it: chunks of a 4-byte length and data, up to a zero length."""

    def handle(self):
        stream = self.request.makefile("rb")
        command = b""
        while not command.endswith(b"\0"):
            command += stream.read(1)
        data = b""
        while length := struct.unpack(">I", stream.read(4))[0]:
            data += stream.read(length)
        self.server.scanned.append((command, data))
        answer = b"stream: Eicar-Signature FOUND\0" if EICAR.encode() in data else b"stream: OK\0"
        self.request.sendall(answer)


class _Silent(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.recv(65536)
        self.server.stop.wait(10)


@pytest.fixture
def clamd():
    """A fake clamd on 127.0.0.1 at its `url`; its `scanned` lists (command, data) of each scan."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Clamd)
    server.daemon_threads = True
    server.scanned = []
    server.url = f"tcp://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("point", UPLOAD_POINTS)
def test_with_the_scanner_every_upload_is_scanned_and_a_clean_one_accepted(
    questionnaire, clients, settings, clamd, point
):
    client, url, data, field = point(clients, questionnaire)
    before = stored()
    settings.HONLAC_CLAMAV_URL = clamd.url

    client.post(url, {**data, field: SimpleUploadedFile("note.pdf", MINIMAL_PDF)}, follow=True)

    assert clamd.scanned[0] == (b"zINSTREAM\0", MINIMAL_PDF)
    new_files = [path for path in media_files() if path.name not in before["files"]]
    assert [path.read_bytes() for path in new_files] == [MINIMAL_PDF]


@pytest.mark.parametrize("point", UPLOAD_POINTS)
def test_with_the_scanner_a_virus_is_refused_and_recorded(questionnaire, clients, settings, clamd, point):
    client, url, data, field = point(clients, questionnaire)
    before = stored()
    settings.HONLAC_CLAMAV_URL = clamd.url

    response = client.post(url, {**data, field: SimpleUploadedFile("note.pdf", EICAR.encode())}, follow=True)

    assert VIRUS in response.content.decode()
    assert stored() == before
    [event] = AuditEvent.objects.filter(action="upload.virus_found")
    assert (event.actor, event.target, event.details) == (
        client.user,
        "note.pdf",
        {"file": "note.pdf", "signature": "Eicar-Signature"},
    )


def test_with_the_scanner_an_imported_csv_is_scanned(questionnaire, clients, settings, clamd):
    settings.HONLAC_CLAMAV_URL = clamd.url
    url = reverse("questionnaires:recommendation_import", args=["honlac", 32])
    before = Recommendation.objects.count()

    response = clients["secretariat"].post(url, {"file": SimpleUploadedFile("r.csv", f"text_en\n{EICAR}\n".encode())})

    assert response.context["form"].errors["file"] == [VIRUS]
    assert Recommendation.objects.count() == before


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_clamd(settings):
    """A clamd that takes the file and never answers."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Silent)
    server.daemon_threads = True
    server.stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.HONLAC_CLAMAV_URL = f"tcp://127.0.0.1:{server.server_address[1]}"
    settings.HONLAC_CLAMAV_TIMEOUT = 1
    yield server
    server.stop.set()
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("point", UPLOAD_POINTS)
def test_with_the_scanner_down_an_upload_is_refused_until_it_answers(questionnaire, clients, settings, point):
    client, url, data, field = point(clients, questionnaire)
    before = stored()
    settings.HONLAC_CLAMAV_URL = f"tcp://127.0.0.1:{unused_port()}"

    response = client.post(url, {**data, field: SimpleUploadedFile("note.pdf", MINIMAL_PDF)}, follow=True)

    assert SCANNER_DOWN in response.content.decode()
    assert stored() == before


def test_with_a_scanner_that_does_not_answer_an_upload_is_refused(questionnaire, clients, silent_clamd):
    client, url, data, field = UPLOAD_POINTS[0](clients, questionnaire)

    response = client.post(url, {**data, field: SimpleUploadedFile("note.pdf", MINIMAL_PDF)}, follow=True)

    assert SCANNER_DOWN in response.content.decode()
    assert media_files() == []


def test_the_scanner_is_reached_through_a_unix_socket(questionnaire, clients, settings, tmp_path):
    path = str(tmp_path / "clamd.ctl")
    server = socketserver.ThreadingUnixStreamServer(path, _Clamd)
    server.daemon_threads = True
    server.scanned = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.HONLAC_CLAMAV_URL = f"unix://{path}"
    client, url, data, field = UPLOAD_POINTS[0](clients, questionnaire)
    try:
        response = client.post(url, {**data, field: SimpleUploadedFile("note.pdf", EICAR.encode())}, follow=True)
    finally:
        server.shutdown()
        server.server_close()

    assert VIRUS in response.content.decode()
    assert [data for _command, data in server.scanned] == [EICAR.encode()]


def test_without_the_scanner_nothing_is_scanned(questionnaire, clients, settings):
    settings.HONLAC_CLAMAV_URL = ""
    client, url, data, field = UPLOAD_POINTS[0](clients, questionnaire)

    response = client.post(url, {**data, field: SimpleUploadedFile("note.pdf", MINIMAL_PDF)}, follow=True)

    assert SCANNER_DOWN not in response.content.decode()
    assert len(media_files()) == 1
