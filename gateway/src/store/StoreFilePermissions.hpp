// The SQLite store holds patient data: only the gateway's user may read it. SQLite creates the -wal, -shm and
// -journal files with the database file's own mode, so a database file created 0600 keeps all of them private.
#pragma once

#include <string>

namespace gw {

// Creates the database file `path` empty with mode 0600 when it does not exist yet (an empty file is an empty
// SQLite database), so that SQLite never creates it under the process umask. Then checks the database file
// and any -wal, -shm or -journal file beside it: a file its group can write or others can access, or its group
// can read unless `allowGroupRead`, is refused with a std::runtime_error naming the file and its mode.
void secureSqliteFiles(const std::string& path, bool allowGroupRead);

}  // namespace gw
