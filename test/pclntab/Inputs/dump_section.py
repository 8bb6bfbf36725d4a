"""A section's bytes, read with llvm-objcopy (shared by the scripts beside it)."""
import os
import subprocess
import tempfile


def dump_section(binary, name):
    # objcopy must write an output object too. Not to /dev/null: it replaces its output by
    # renaming a new file over it, which run as root would replace /dev/null itself.
    with tempfile.TemporaryDirectory() as scratch:
        section = os.path.join(scratch, "section")
        subprocess.run(["llvm-objcopy", "--dump-section", name + "=" + section, binary,
                        os.path.join(scratch, "copy")], check=True)
        with open(section, "rb") as f:
            return f.read()
