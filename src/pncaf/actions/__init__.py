"""The application layer: one module per thing a user does, called alike by the command
line (`pncaf.cli`) and the web face (`pncaf.web`).

Each action takes a typed request (a frozen dataclass) and returns its result with its
problems (`problems`: the findings and the settings' problems, in the one shape of
`pncaf.problems`; `refused`: why nothing was done, an `pncaf.errors.PncafError` whose
class the command line maps to an exit code and whose `field` a form shows it beside).
No action prints, prompts, or knows about a terminal or HTTP; the faces do.

Saves take `expected_sha256`, the file's digest as it was shown (`sha256` of the views):
a file changed on disk since is refused, and nothing is written.
"""
