#!/usr/bin/env python3
"""slow-stderr.py PROGRAM ARGS...: run PROGRAM with its stderr into a one-page pipe that is
read only after half a second, so that a long crash report blocks mid-write; then print
what it wrote and "status=<status>"."""
import fcntl
import os
import subprocess
import sys
import time

F_SETPIPE_SZ = 1031
r, w = os.pipe()
fcntl.fcntl(w, F_SETPIPE_SZ, 4096)
proc = subprocess.Popen(sys.argv[1:], stderr=w, stdout=subprocess.DEVNULL)
os.close(w)
time.sleep(0.5)
out = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode(errors="replace"))
print("status=%d" % proc.wait())
