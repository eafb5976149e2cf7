"""pncaf: check and run « Point numérique Caf » conventions kept as YAML files.

The pipeline, one folder a stage; imports flow down this list, never up:

    format/    what a convention file is: models and their constraints, the fast validator,
               the messages that explain a refused value, hours, identifiers, JSON Schema
    files/     reading and writing files: discovery, YAML with positions, the loader
               (bytes → text → data → validated model, with diagnostics), atomic writes
    dates/     what the dates mean: the term (Art. 11), the recurring duties (Art. 3, 9),
               the agenda, the per-convention summary of `pncaf dates`
    checks/    the rules of `pncaf check` (each with its id, severity and docs), the
               diagnostics they raise, the runner over many files
    outputs/   what people read: templates, certificate and sheet, the convention itself
               and its hours in French words, reminders, the calendar, the open-data
               export, the network dashboard
    editing/   what changes a file: `record` (one event appended), `new` (a whole file)
    importing/ a convention already signed (Word, text, Markdown) read into a new file:
               its lines, the French hours grammar, the facts found, the commented YAML
    review/    what a change means: `pncaf diff` between two versions (files, git revisions,
               git's diff driver), and the append-only history of `check --base`
    cli/       the command line only: the console script with its fast `check` path, the
               commands, terminal tables, the one boundary where errors become messages

`errors.py` holds every error a user can meet (one module, one handler in `cli`), and
`french.py` the French words that several stages share (statuses, dates, agenda kinds).
Every stage returns its result together with its problems; nothing prints outside `cli`.
"""

__version__ = "0.1.0"
