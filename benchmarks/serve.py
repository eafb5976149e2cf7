"""Time `pncaf serve`'s network page on N generated conventions, over real HTTP.

    python benchmarks/serve.py            # N = 2000, 10 requests of /
    python benchmarks/serve.py --n 500 --requests 20

Reported: how long the server takes to print its URL; the first `/` (it waits for the
background check of the whole network that starts with the server); then the median and
worst of the next requests (each re-reads the folder and `stat`s every file, and checks
again only the files changed on disk), and one request after a file was edited.

Target (issue 21): `/` answers in under 1 s for 2,000 conventions on one core.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from generate import generate

from serving import start_server


def get(netloc: str, path: str, cookie: str) -> float:
    host, port = netloc.rsplit(":", 1)
    start = time.perf_counter()
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status
    connection.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "conventions"
        files = generate(folder, args.n)
        started = time.perf_counter()
        server = start_server(Path(tmp))
        ready = time.perf_counter() - started
        try:
            client = server.client()
            client.login()
            assert client.cookie
            first = get(server.host, "/", client.cookie)
            times = [get(server.host, "/", client.cookie) for _ in range(args.requests)]
            files[0].write_text(files[0].read_text(encoding="utf-8") + "# edited\n",
                                encoding="utf-8")
            edited = get(server.host, "/", client.cookie)
        finally:
            server.stop()
    print(f"pncaf serve on {args.n} conventions")
    print(f"  URL printed after      {ready:6.2f} s")
    print(f"  first /                {first:6.2f} s (waits for the first check)")
    print(f"  next / (median, worst) {statistics.median(times):6.3f} s, {max(times):6.3f} s")
    print(f"  / after one file edit  {edited:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
