"""`/rapport.zip`: the network dashboard for the steering committee (`pncaf report`),
made in a temporary folder and sent as one zip to open or forward; nothing stays on the
disk."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Response

from pncaf.actions.report import ReportRequest, build_report
from pncaf.web.views.common import page, settings
from pncaf.web.wording import explained

if TYPE_CHECKING:
    from flask import Flask


def register(app: Flask) -> None:
    app.add_url_rule("/rapport.zip", "report", report)


def report() -> Response | tuple[str, int]:
    s = settings()
    with tempfile.TemporaryDirectory(prefix="pncaf-rapport-") as tmp:
        folder = Path(tmp) / "rapport"
        result = build_report(ReportRequest(folder, s.paths, s.today(), config=s.config))
        if not result.ok:
            return page("refused.html", title="Tableau de bord impossible",
                        convention_id=None, what="le tableau de bord",
                        message=explained(str(result.refused))), 422
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, Path("rapport") / path.relative_to(folder))
    name = f"rapport-{s.today().isoformat()}.zip"
    return Response(data.getvalue(), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
