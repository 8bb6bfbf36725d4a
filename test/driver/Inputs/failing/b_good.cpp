int good() { return 0; }
