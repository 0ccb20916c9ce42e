"""Driving Debian's headless Chromium over the DevTools protocol, for the briefing page's tests.

`open_page` loads a file and records what a person's browser would show and do: console
messages and errors, every request the page makes, dialogs a script opened. It takes
screenshots at laptop size and at print size (A4 at 96 dpi, print media), prints A4 and
Letter PDFs, and says whether texts are visible. Run as a script it makes the README's
screenshot, the whole page at 1280 px wide: `python tests/browser.py page.html out.png`.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--remote-debugging-port=0",
]
A4_PIXELS = (794, 1123)  # 210 x 297 mm at 96 dpi
PAPER_INCHES = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageRecord:
    console: list[str] = field(default_factory=list)  # "level: text"
    errors: list[str] = field(default_factory=list)  # exceptions, console errors, log errors
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


class Browser:
    def __init__(self):
        import websocket

        self.profile = tempfile.mkdtemp(prefix="triptrack-chromium-")
        self.process = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        page = self._page_address(port, deadline)
        self.socket = websocket.create_connection(page, timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)
        self.record = PageRecord()
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    @staticmethod
    def _page_address(port: int, deadline: float) -> str:
        from urllib.request import urlopen

        while True:
            with urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
                pages = [t for t in json.load(answer) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium opened no page")
            time.sleep(0.1)

    def _note(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.record.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.record.console.append(f"{params['type']}: {text}")
            if params["type"] in ("error", "assert"):
                self.record.errors.append(text)
        elif method == "Runtime.exceptionThrown":
            self.record.errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.record.errors.append(params["entry"]["text"])
        elif method == "Page.javascriptDialogOpening":
            self.record.dialogs.append(params.get("message", ""))
            self.socket.send(json.dumps({"id": next(self.ids), "method": "Page.handleJavaScriptDialog", "params": {"accept": True}}))

    def call(self, method: str, **params) -> dict:
        ident = next(self.ids)
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._note(message)

    def wait_for(self, event: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            self._note(message)
            if message.get("method") == event:
                return
        raise TimeoutError(event)

    def open(self, path: Path, width: int = 1280, height: int = 800) -> PageRecord:
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", expression="new Promise(r => requestAnimationFrame(() => r(1)))", awaitPromise=True)
        return self.record

    def screenshot(self, target: Path, *, print_media: bool = False, full_page: bool = False) -> Path:
        if print_media:
            self.call("Emulation.setEmulatedMedia", media="print")
            self.call("Emulation.setDeviceMetricsOverride", width=A4_PIXELS[0], height=A4_PIXELS[1], deviceScaleFactor=1, mobile=False)
        options = {}
        if full_page:
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            options = {"captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}}
        shot = self.call("Page.captureScreenshot", format="png", **options)
        target.write_bytes(base64.b64decode(shot["data"]))
        return target

    def pdf(self, paper: str) -> bytes:
        width, height = PAPER_INCHES[paper]
        answer = self.call("Page.printToPDF", paperWidth=width, paperHeight=height, printBackground=True, preferCSSPageSize=False)
        return base64.b64decode(answer["data"])

    def visible(self, texts: list[str]) -> dict[str, bool]:
        """For each text: is it inside an element that is rendered, with room on the page?"""
        script = """(needles => needles.map(needle => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (!node.textContent.includes(needle)) continue;
                const element = node.parentElement, style = getComputedStyle(element);
                const box = element.getBoundingClientRect();
                if (style.visibility !== 'hidden' && style.display !== 'none' && +style.opacity > 0
                    && box.width > 0 && box.height > 0) return true;
            }
            return false;
        }))(%s)""" % json.dumps(texts)
        values = self.call("Runtime.evaluate", expression=script, returnByValue=True)["result"]["value"]
        return dict(zip(texts, values))

    def close(self) -> None:
        if getattr(self, "socket", None) is not None:
            self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def pdf_pages(data: bytes) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", data))


if __name__ == "__main__":
    page, out = Path(sys.argv[1]), Path(sys.argv[2])
    browser = Browser()
    try:
        browser.open(page, 1280, 800)
        browser.screenshot(out, full_page=True)
    finally:
        browser.close()
    print(f"Wrote {out}")
