int other() { return 7; }
