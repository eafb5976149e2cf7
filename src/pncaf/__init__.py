"""pncaf: check and run « Point numérique Caf » conventions kept as YAML files.

The pipeline, one folder a stage, from the bottom up: each imports only those above it in
this list (the layers of docs/architecture.md, enforced by `lint-imports`):
    files/     the source: discovery, YAML with positions, YAML written by hand, atomic
               writes, locks, the log of sent messages
    format/    what a convention file is: models and their constraints, the fast validator,
               the messages that explain a refused value, hours, identifiers, JSON Schema,
               and the loader (bytes → text → data → validated model, with problems)
    dates/     what the dates mean: the term (Art. 11), the recurring duties (Art. 3, 9),
               the agenda, the per-convention summary of `pncaf dates`
    checks/    the rules of `pncaf check` (one module each, with id, severity and docs),
               the runner over many files
    outputs/   what people read: templates, certificate and sheet, the convention itself
               and its hours in French words, reminders, the calendar, the open-data
               export, the network dashboard
    editing/   what changes a file: `record` (one event appended), `new` (a whole file)
    importing/ a convention already signed (Word, text, Markdown, PDF) read into a new file
    review/    what a change means: `pncaf diff`, and the append-only history of `check --base`
    actions/   the application layer: one function per user action, a typed request in, a
               result with its problems out; what the command line and the web app call
    cli/       the command line only: parse options, call an action, print
`problems.py` is the one shape of a problem at a place in a file, `errors.py` every error a
user can meet (no exit code: the command line chooses those at its boundary), and
`french.py` the French words that several stages share (statuses, dates, agenda kinds).
Every stage returns its result together with its problems; nothing prints outside `cli`.
"""

__version__ = "0.1.0"
