"""`python -m pncaf …`: the `pncaf` command itself, for where the scripts folder is not on
PATH (Python installed for one user on Windows, a virtual environment not activated)."""

from pncaf.cli.entry import main

if __name__ == "__main__":
    main()
