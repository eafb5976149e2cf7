"""Debian's Chromium driven by Playwright, as an officer's browser, and axe-core's verdict
on a page (WCAG 2.1 A and AA, which the RGAA follows).

Playwright's own browser download is not reachable here: it drives /usr/bin/chromium, with
the flags that keep a headless Chromium off the network."""

from __future__ import annotations

import shutil
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Debian's chromium is missing: `make system-deps` installs it"
    return found


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as shown, one line each."""
    page.wait_for_load_state("load")         # a save's redirect: the page after it, styled
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    found: list[dict[str, Any]] = result.response["violations"]
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in found]


def unreachable(page: Page) -> list[str]:
    """The links, buttons and fields a person cannot reach without scrolling sideways: the
    page wider than the window, or an action past its right edge."""
    page.wait_for_load_state("load")         # not the page mid-redirect, before its style
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > width + 1)
            out.push(`page is ${document.documentElement.scrollWidth}px wide in ${width}px`);
        for (const el of document.querySelectorAll('a[href], button, input, select, textarea')) {
            if (el.type === 'hidden') continue;
            let inScroller = false;
            for (let p = el.parentElement; p; p = p.parentElement) {
                const style = getComputedStyle(p);
                if (/(auto|scroll)/.test(style.overflowX) && p !== document.body
                    && p !== document.documentElement) { inScroller = true; break; }
            }
            if (inScroller) continue;   // a wide table scrolls in its own box, on purpose
            let box = el.getBoundingClientRect();
            if (box.right < 0) {        // a skip link, hidden until the keyboard reaches it
                el.focus();
                box = el.getBoundingClientRect();
                el.blur();
            }
            if (box.width === 0 && box.height === 0) continue;
            if (box.right > width + 1 || box.left < -1)
            {
                const label = (el.innerText || el.name || el.value || '').trim().slice(0, 40);
                out.push(`${el.tagName.toLowerCase()} « ${label} » at `
                         + `${Math.round(box.left)}–${Math.round(box.right)}px`);
            }
        }
        return out;
    }""")
