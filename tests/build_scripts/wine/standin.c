/* A stand-in for the bundled zwgk.exe in the installer tests (built with mingw-w64, run under Wine). It does what an
   installer can notice of the real program and nothing else:
   - it creates the named mutex the real program creates at start (ZWGK_MUTEX, given when compiling, taken from
     ui/running.py); with --old it does not, like version 0.1.0, which had none;
   - it appends one line per start to the file named by the ZWGK_STANDIN_LOG environment variable: the working
     folder, then each argument, tab-separated, UTF-8;
   - with --hold it writes "ready" to stdout and keeps running (and its .exe locked) until its stdin is closed. */
#include <windows.h>
#include <wchar.h>

#ifndef ZWGK_MUTEX
#error "compile with -DZWGK_MUTEX=L\"...\""
#endif

static void write_utf8(HANDLE out, const wchar_t *text)
{
    char buf[8192];
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, buf, sizeof buf, NULL, NULL);
    DWORD written;
    if (n > 1)
        WriteFile(out, buf, (DWORD)(n - 1), &written, NULL);
}

static void log_start(int argc, wchar_t **argv)
{
    wchar_t path[MAX_PATH], cwd[MAX_PATH];
    if (!GetEnvironmentVariableW(L"ZWGK_STANDIN_LOG", path, MAX_PATH))
        return;
    HANDLE log = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL, NULL);
    if (log == INVALID_HANDLE_VALUE)
        return;
    GetCurrentDirectoryW(MAX_PATH, cwd);
    write_utf8(log, cwd);
    for (int i = 1; i < argc; i++) {
        write_utf8(log, L"\t");
        write_utf8(log, argv[i]);
    }
    write_utf8(log, L"\n");
    CloseHandle(log);
}

int wmain(int argc, wchar_t **argv)
{
    BOOL old = argc > 1 && !wcscmp(argv[1], L"--old");
    BOOL hold = old || (argc > 1 && !wcscmp(argv[1], L"--hold"));
    if (!old)
        CreateMutexW(NULL, FALSE, ZWGK_MUTEX);  /* kept until the process ends, as in the real program */
    log_start(argc, argv);
    if (hold) {
        char buf[256];
        DWORD n;
        HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
        write_utf8(out, L"ready\n");
        while (ReadFile(in, buf, sizeof buf, &n, NULL) && n > 0)
            ;
    }
    return 0;
}
