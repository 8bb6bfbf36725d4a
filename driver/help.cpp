#include "help.h"

#include "llvm/ADT/Twine.h"

namespace {

const char mainHelp[] = R"(Gocc compiles C++ programs and runs them with Go's operational model:
a runtime that starts the program the way Go's does, schedules work as goroutines,
and reports failures as Go does.

Usage:

	gocc <command> [arguments]

The commands are:

	build       compile a program
	run         compile and run a program
	clean       remove cached build results
	compdb      print a compilation database (compile_commands.json)
	c++, cc     a drop-in C++ or C compiler for CMake and Make
	info        describe gocc executables
	env         print the settings gocc builds with
	tool        run a gocc tool (addr2line)
	version     print gocc version
	help        print help about a command

Use "gocc help <command>" for more information about a command.

)";

// The environment variables every build command reads.
#define GOCC_BUILD_ENVIRONMENT \
  R"(Environment:

	GOARCH
		The architecture to compile for: amd64 (the default), arm64 or 386,
		as in Go. A program for another architecture than the machine's is
		built with that architecture's Debian cross libraries, and gocc run
		runs it under QEMU's user-mode emulator (qemu-aarch64). A 386
		program runs natively where the kernel runs 32-bit programs, and
		under qemu-i386 where it refuses them.
	GOOS
		The operating system to compile for: linux, the only one.
	GOAMD64
		For GOARCH=amd64, the x86-64 microarchitecture level to compile for:
		v1 (the default), v2, v3 or v4, as in Go; it selects -march=x86-64[-vN].
	GO386
		For GOARCH=386, the floating-point mode, as in Go: sse2 (the default)
		compiles float and double to SSE2 (-march=pentium4 -mfpmath=sse);
		softfloat compiles for the i686 with no SSE (-march=i686), which
		means x87 arithmetic, not software floating point.
	GOCCCACHE
		The build cache's directory: an absolute path, or "off" to build
		without it. By default $XDG_CACHE_HOME/gocc, else $HOME/.cache/gocc.
	TMPDIR
		Where the temporary work directory is created (default /tmp).
	GOCCROOT
		The gocc toolchain root, holding lib/gocc/linux_<goarch>/libgoccrt.a and include/.
		By default, the directory two levels above the gocc executable.
)"

const char buildHelp[] =
    R"(usage: gocc build [-o output] [build flags] [files|dirs]

Build compiles C and C++ source files, links them with the gocc runtime,
and writes the resulting executable.

The inputs are either source files (.cpp, .cc, .cxx, .c), from any directories, which
together form one program, or a single directory, whose source files (directly inside it, not in
subdirectories, and not hidden ones whose names start with a dot) form the program.
With no inputs, build uses the current directory. Prebuilt objects (.o) and archives
(.a) named among the source files are linked after them, in the order given.

The -o flag names the output file. If it names an existing directory, or ends in
a slash, the executable is written inside it. By default the executable is written
to the current directory, named after the first source file (without extension)
or after the directory. Directories on the way to the output that do not exist yet are
made once the program has linked.

The -buildmode flag (build only) says what to make:

	-buildmode=exe (or default)
		an executable, as described above.
	-buildmode=c-shared
		a shared library (by default <name>.so) and its C header beside it
		(<name>.h), for a C or C++ host to link or dlopen.
	-buildmode=c-archive
		an archive (by default <name>.a) and its C header (<name>.h), for a
		host to link, statically or not; it needs the C++ library
		(-lstdc++) in the host's link.

A library offers its host the functions marked GOCC_EXPORT(declaration)
(<gocc/export.h>); the header declares them, and the build stops on one
C cannot declare. The library's runtime starts when the host loads it; its
static constructors run after the runtime is up, and a call made before
they have finished waits for them. -static is refused with a library mode:
a library uses its host's glibc. See docs/ports.md.

Build keeps what it compiles and links in the build cache (see GOCCCACHE below),
keyed by everything that goes into it: the flags, the toolchain, and the bytes of
each source file and of every header it includes. A unit compiled before from the
same bytes is not compiled again (its warnings are printed again), and an output
that is already what the build would make is left alone: build then does nothing.

The build flags are shared by the build and run commands:

	-a
		force rebuilding: compile every unit and link, whatever the cache
		holds or the output already is.
	-n
		print the commands but do not run them.
	-v
		print the names of the source files as they are compiled.
	-x
		print the commands.
	-work
		print the name of the temporary work directory and
		do not delete it when exiting.
	-p n
		the number of compile commands that can run in parallel.
		The default is the number of CPUs available.
	-cxxflags 'list'
		arguments to pass on each clang invocation for a C++ unit, after
		gocc's own (-std=c++20 -O2 -g -fno-omit-frame-pointer
		-fstack-clash-protection -ffunction-sections -fdata-sections), so they
		can override them. The list is split at spaces; quotes group words.
	-cflags 'list'
		the same for each C unit (gocc's own start with -std=c17).
	-ldflags 'list'
		arguments to pass to the linker (ld.lld), after the objects.
		Stripping (-s, -S) removes the symbols and DWARF, not the
		pc-to-line table. Flags that would take over a step gocc owns
		are refused: -o, -r, -pie, -shared, -static (use gocc's -static),
		-e, -T, --version (and, in -cxxflags and -cflags, -E, -S, -M,
		-fsyntax-only, -o).
	-debug-trace file
		write the time each step of the build took to file, as Chrome trace
		events, one per step in the order the steps ran, named after the step.
	-static
		link glibc statically too, as libstdc++ and libgcc always are: one
		self-contained executable that needs no shared library where it
		runs. NSS look-ups (getpwnam, getaddrinfo, ...) and dlopen then
		need the shared libraries of the glibc version linked with; gocc
		prints a warning for each such function the program calls.
	-trimpath
		remove all file system paths from the resulting executable.
		Instead of absolute file system paths, the recorded file names
		(in the debug information and in the pc-to-line table) are
		relative to the package directory, and gocc's own sources
		(the runtime) are named gocc/<path>.

Flags may start with - or --, take their value as -o x or -o=x, and must come
before the inputs.

Programs are linked with libstdc++ and libgcc statically and glibc dynamically.
Every executable carries Go's pc-to-line table (.gopclntab), built after a first
link and added by a second one that moves no code; see "gocc help tool".

)" GOCC_BUILD_ENVIRONMENT "\nSee also: gocc run.\n";

const char runHelp[] =
    R"(usage: gocc run [build flags] files|dir [arguments...]

Run compiles and runs the program made of the named source files (the leading
arguments ending in .cpp, .cc, .cxx or .c, with any objects (.o) and archives (.a)
among them, linked as build links them) or of the named directory. The remaining
arguments are passed to the program. The program runs with gocc's standard input,
output and error; gocc exits with the program's exit status, or is ended by the
same signal as the program.

The executable is built in the work directory, which is deleted afterwards
unless -work is given.

For the build flags, see "gocc help build".

)" GOCC_BUILD_ENVIRONMENT R"(
The gocc runtime in the program reads, as Go's does:

	GOMAXPROCS
		The number of threads that run goroutines at once.
	GODEBUG
		Debugging switches, such as inittrace=1 (report the time each
		initializer takes) and schedtrace=N (print the scheduler's state
		every N milliseconds).
	GOTRACEBACK
		How much to print when the program crashes: none, single (the
		default), all, system or crash.

See also: gocc build.
)";

const char cleanHelp[] = R"(usage: gocc clean -cache

Clean -cache removes everything in the build cache (GOCCCACHE): compiled
objects, their manifests and cached executables. The next builds compile
everything again. Builds also remove, at most once a day, the cache entries
unused for five days.
)";
const char dropinHelp[] = R"(usage: gocc c++|cc [clang arguments]

C++ and cc make gocc a compiler that build systems can run in place of clang++
and clang, so that an existing CMake or Make project builds gocc programs:

	CC="gocc cc" CXX="gocc c++" cmake -G Ninja ..
	make CC="gocc cc" CXX="gocc c++"

The same drivers are installed as bin/gocc-c++ and bin/gocc-cc, for tools that
want the compiler as a single program (gocc answers to those names).

Each command is read as clang-19 reads it (response files @file included) and
answered as clang++-19 (c++) or clang-19 (cc) would answer it, except that an
executable it links is a gocc program:

	--version, -v, -dumpversion, -print-*, -### and commands without input
	files are clang's, unchanged.
	Compiles (-c, -S, -E, -M, -MM, -fsyntax-only) run clang with the flags
	every gocc program is compiled with first (-fno-omit-frame-pointer
	-fstack-clash-protection -ffunction-sections -fdata-sections, gocc's
	include directory, GOAMD64's or GO386's -march), then the command's own,
	which win.
	The optimisation level, debug information and standard are the command's.
	A link that makes an executable runs gocc build's pipeline on its objects,
	archives and libraries (sources among them are compiled first): the
	runtime, the target's entry (_rt0_<goarch>_linux, as _rt0_amd64_linux),
	the pc-to-line table, the build information (its path is the
	executable; the link's flags recorded) and the build ID. -L, -l, -Wl, -Xlinker, -z, -u, -rpath, -rdynamic and -s are
	passed to lld; compile flags are ignored by the link, as clang ignores them.
	-shared and -r links are clang's, unchanged: they make no executable.

Flags gocc cannot link with (-static, -static-pie, -nostdlib, -nodefaultlibs,
-stdlib=libc++, -fsanitize=, profiling and OpenMP runtimes, -e, -T, and the
linker flags gocc build refuses in -ldflags) end the command with one line and
exit status 2. -pie, -shared-libgcc and another linker than lld are ignored
with a warning. Otherwise the exit status is clang's, or gocc build's.

See docs/dropin.md for what is translated and why.

)" GOCC_BUILD_ENVIRONMENT;

const char compdbHelp[] = R"(usage: gocc compdb [build flags] [files|dir]

Compdb prints the compile commands of the program the inputs name, as build would
run them, as a JSON compilation database: an array with one object per source
file, giving the working directory, the file's absolute path and the clang
command as "arguments" (without the output files build adds). Redirected to
compile_commands.json, it lets clangd and other tools see each file as gocc
compiles it:

	gocc compdb . > compile_commands.json

The build flags that change compile commands (-cxxflags, -cflags, -trimpath)
apply; see "gocc help build".
)";

const char infoHelp[] = R"(usage: gocc info [-m] [-json] [-v] file|dir...

Info describes executables built by gocc, from what they record about
themselves. For each one it prints, as "go version" does, the file name and
the toolchain that built it, then tab-indented lines:

	path     the program (its directory or main file)
	mod      the project it was built in, with version (devel)
	target   linux/<goarch> (from the ELF header) and, for amd64, the
	         x86-64 level (GOAMD64) or, for 386, the floating-point mode
	         (GO386) it was compiled for
	buildid  the build ID: a hash of the build's inputs / of the executable
	pclntab  the pc table's function and file counts and size in bytes
	Entry point: the entry address and its symbol (_rt0_<goarch>_linux)
	and the sections, one per line, as gdb's "info files" lists them.

The -m flag adds the libraries linked (dep lines) and the build settings
(build lines), so that every line "go version -m" prints for the file
appears too, in the same form.

The -json flag prints everything as JSON instead: one object for one file,
an array when several files or a directory are named.

A directory is searched recursively for executables; files in it that are
not gocc executables are skipped, and -v says why.

Info prints "gocc: <file>: <reason>" and exits with status 1 for a file it
cannot read, or that is not an executable built by gocc, or whose build
information or pc table is corrupt (build information that records
another GOARCH than the ELF header's machine is corrupt), and for a
directory without gocc executables. It never executes the files.
)";

const char envHelp[] = R"(usage: gocc env [-json] [var ...]

Env prints the settings gocc builds with, each as a build resolves it (from the
environment, else the default): CC and CXX (the clang commands that compile C
and C++ units), GOARCH, GOCCCACHE, GOCCROOT, GOOS, GOVERSION, TMPDIR, and for
GOARCH=amd64 GOAMD64, for GOARCH=386 GO386.

By default env prints one NAME="value" line per setting, in a form sh can read.
With variable names as arguments, env prints the value of each, one per line (an
empty line for a name it does not know). The -json flag prints the settings, or
the ones named, as a JSON object.

An invalid GOOS, GOARCH, GOAMD64 or GO386, or a toolchain that cannot be found, is
reported as a build would report it.
)";

const char toolHelp[] = R"(usage: gocc tool [command [arguments]]

Tool runs the gocc tool identified by the arguments. With no arguments it
prints the list of tools.

	addr2line binary
		reads hexadecimal addresses (with or without 0x), one a line, from
		standard input, and writes two lines for each: the name of the
		function holding the address and its file:line, from the binary's
		pc-to-line table, as "go tool addr2line" does ("?" and "?:0" for an
		address outside every function; ":-1" for a function without line
		information). A missing file, a file that is not ELF or is of a
		machine gocc does not build for, or a binary without a valid table
		is an error (exit status 1).
)";

const char versionHelp[] = R"(usage: gocc version

Version prints the gocc version, the target platform and the clang version gocc
compiles with.
)";

const char helpHelp[] = R"(usage: gocc help [command]

Help prints help about a gocc command, or the list of commands.
)";

}  // namespace

void printMainHelp(llvm::raw_ostream& os) { os << mainHelp; }

llvm::StringRef helpText(llvm::StringRef topic) {
  if (topic == "build") return buildHelp;
  if (topic == "run") return runHelp;
  if (topic == "c++" || topic == "cc") return dropinHelp;
  if (topic == "tool") return toolHelp;
  if (topic == "version") return versionHelp;
  if (topic == "info") return infoHelp;
  if (topic == "env") return envHelp;
  if (topic == "clean") return cleanHelp;
  if (topic == "compdb") return compdbHelp;
  if (topic == "help") return helpHelp;
  return "";
}

std::string shortUsage(llvm::StringRef command) {
  if (command.empty()) return "usage: gocc <command> [arguments]\nRun 'gocc help' for usage.\n";
  // The usage line is the first line of the command's help.
  llvm::StringRef usage = helpText(command).split('\n').first;
  return (llvm::Twine(usage) + "\nRun 'gocc help " + command + "' for details.\n").str();
}
