"""`python -m pncaf …`: the `pncaf` command itself, with the Python it is installed in, for
where its scripts folder is not on PATH (a virtual environment not activated)."""

from pncaf.cli.entry import main

if __name__ == "__main__":
    main()
