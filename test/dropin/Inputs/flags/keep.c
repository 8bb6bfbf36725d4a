// Nothing refers to it: only --whole-archive links it in.
int kept_by_whole_archive(void) { return 1; }
