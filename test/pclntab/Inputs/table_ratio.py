# table_ratio.py BINARY: prints ".gopclntab/.text R" (two decimals) from llvm-readelf's section
# table.
import re
import subprocess
import sys

row = re.compile(r"^ *\[ *[0-9]+\] +(\S+) +[A-Z_0-9]+ +[0-9a-f]+ +[0-9a-f]+ +([0-9a-f]+) ")
sizes = {}
for line in subprocess.run(["llvm-readelf", "-S", "--wide", sys.argv[1]], capture_output=True,
                           text=True, check=True).stdout.splitlines():
    m = row.match(line)
    if m:
        sizes[m.group(1)] = int(m.group(2), 16)
print(".gopclntab/.text %.2f" % (sizes[".gopclntab"] / sizes[".text"]))
