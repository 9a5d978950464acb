/* The installer tests' hands and eyes at the Windows PC (built with mingw-w64, run under Wine; it would work the same
   on Windows). It drives a running NSIS wizard the way a person would: reads what the wizard and its message boxes
   show, types into the folder box, clicks buttons by their label, measures whether every text fits its control. It
   also opens a file as a double-click in Explorer does, and reads registry keys as regedit shows them; one process
   for all of it, since starting a Windows program under Wine costs most of a second.

   Our windows are the visible top-level dialogs whose title starts with argv[1] (the program name). The wizard is
   the one holding an inner page dialog; a message box is one without.

   Commands come one per line on stdin, fields separated by tabs; each is answered by one line on stdout,
   "ok" or "error", a tab and the texts the window shows (tab-separated; inside a text a line break is written \n,
   a tab \t and a backslash \\):
     wait TEXT [MS]   until a control of one of our windows shows TEXT (default 20 s); answers that window's texts
     texts            the wizard's texts, components-tree items and the lines of the details list included
     click LABEL      click the wizard's enabled button whose label (without its &-accelerator) starts with LABEL
     checked LABEL    whether the wizard's check box or radio button labelled LABEL is ticked (ok) or not (error)
     type TEXT        put TEXT into the page's edit box, as typing it would
     box LABEL [MS]   wait for a message box, answer its texts and click its button labelled LABEL
     fit              every text of the wizard's current page that does not fit its control, or ok
     closed [MS]      until none of our windows is left
     open PATH        open PATH as a double-click in Explorer does (a document: ShellExecute with its default verb;
                      a shortcut: its program, arguments and working folder), wait for the program: its exit code
     run COMMAND      start the command line as it is (a Windows command line, quoted as the caller wants), wait
                      for it: its exit code
     gone NAME [MS]   until no process runs the program file NAME (e.g. Un_A.exe, NSIS' copy of an uninstaller)
     link PATH        what the shortcut PATH holds, read through the Windows shell: program, working folder,
                      arguments, icon file, icon index
     reg ROOT KEY…    each KEY (under HKCU or HKLM, 64-bit view) with its subkeys: a field per key (its name) and per
                      value (key, name, s:text or d:number, separated by \x1f); missing keys are left out */
#include <windows.h>
#include <commctrl.h>
#include <shellapi.h>
#include <shlobj.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <wchar.h>

#define TEXT_MAX 4096
#define OUT_MAX 65536
#define DEFAULT_WAIT_MS 20000
#define RUN_WAIT_MS 120000 /* an installer run takes longer than a window takes to appear */
#define US L"\x1f" /* between the parts of a registry field */
#define POLL_MS 50 /* how often a wait looks again; the wait itself ends on the condition */

static wchar_t g_prefix[256];
static wchar_t g_out[OUT_MAX];

typedef struct {
    HWND found;
    BOOL want_wizard;
} Search;

static BOOL has_child_dialog(HWND top)
{
    for (HWND c = GetWindow(top, GW_CHILD); c; c = GetWindow(c, GW_HWNDNEXT)) {
        wchar_t cls[64];
        GetClassNameW(c, cls, 64);
        if (!wcscmp(cls, L"#32770"))
            return TRUE;
    }
    return FALSE;
}

static BOOL CALLBACK find_top(HWND h, LPARAM param)
{
    Search *s = (Search *)param;
    wchar_t cls[64], title[512];
    if (!IsWindowVisible(h))
        return TRUE;
    GetClassNameW(h, cls, 64);
    GetWindowTextW(h, title, 512);
    if (wcscmp(cls, L"#32770") || wcsncmp(title, g_prefix, wcslen(g_prefix)))
        return TRUE;
    if (has_child_dialog(h) == s->want_wizard) {
        s->found = h;
        return FALSE;
    }
    return TRUE;
}

static HWND find_window(BOOL wizard)
{
    Search s = {NULL, wizard};
    EnumWindows(find_top, (LPARAM)&s);
    return s.found;
}

/* A control's text. GetWindowText does not ask a control of another process (an edit box would read empty). */
static void control_text(HWND h, wchar_t *out, int n)
{
    DWORD_PTR got = 0;
    out[0] = 0;
    if (!SendMessageTimeoutW(h, WM_GETTEXT, (WPARAM)n, (LPARAM)out, SMTO_ABORTIFHUNG, 2000, &got))
        out[0] = 0;
    out[n - 1] = 0;
    if (out[0] == 0xFFFF)
        out[0] = 0; /* an icon's resource number, not text */
}

static void plain_label(const wchar_t *text, wchar_t *out, size_t n)
{
    size_t j = 0;
    for (size_t i = 0; text[i] && j + 1 < n; i++) {
        if (text[i] == L'&' && text[i + 1] != L'&')
            continue;
        out[j++] = text[i];
    }
    out[j] = 0;
}

static void out_append(const wchar_t *text)
{
    size_t len = wcslen(g_out);
    for (size_t i = 0; text[i] && len + 3 < OUT_MAX; i++) {
        if (text[i] == L'\r')
            continue;
        if (text[i] == L'\n' || text[i] == L'\t' || text[i] == L'\\') {
            g_out[len++] = L'\\';
            g_out[len++] = text[i] == L'\n' ? L'n' : text[i] == L'\t' ? L't' : L'\\';
        } else {
            g_out[len++] = text[i];
        }
    }
    g_out[len] = 0;
}

static void out_field(const wchar_t *text)
{
    if (!text[0])
        return;
    size_t len = wcslen(g_out);
    if (len + 1 < OUT_MAX) {
        g_out[len] = L'\t';
        g_out[len + 1] = 0;
    }
    out_append(text);
}

/* Memory in the wizard's process, for the tree-view messages that take pointers. */
typedef struct {
    HANDLE process;
    char *base;
} Remote;

static BOOL remote_open(HWND h, Remote *r)
{
    DWORD pid;
    GetWindowThreadProcessId(h, &pid);
    r->process = OpenProcess(PROCESS_VM_OPERATION | PROCESS_VM_READ | PROCESS_VM_WRITE, FALSE, pid);
    r->base = r->process ? VirtualAllocEx(r->process, NULL, 16384, MEM_COMMIT, PAGE_READWRITE) : NULL;
    return r->base != NULL;
}

static void remote_close(Remote *r)
{
    VirtualFreeEx(r->process, r->base, 0, MEM_RELEASE);
    CloseHandle(r->process);
}

/* What a person sees in one control: its own text, or one line of a tree or of a list. */
typedef struct {
    HWND control;
    const wchar_t *cls;
    const wchar_t *text;
    const RECT *item; /* a tree line's text rectangle (client coordinates); NULL otherwise */
} Seen;

typedef BOOL (*SeenVisit)(const Seen *seen, void *param); /* FALSE: stop looking */

typedef struct {
    SeenVisit visit;
    void *param;
    BOOL stopped;
} Walk;

static void visit_tree(HWND tree, const wchar_t *cls, Remote *r, Walk *walk)
{
    static wchar_t text[TEXT_MAX];
    HTREEITEM item = (HTREEITEM)SendMessageW(tree, TVM_GETNEXTITEM, TVGN_FIRSTVISIBLE, 0);
    SIZE_T done;
    for (; item && !walk->stopped;
         item = (HTREEITEM)SendMessageW(tree, TVM_GETNEXTITEM, TVGN_NEXTVISIBLE, (LPARAM)item)) {
        TVITEMW tv = {0};
        RECT rect;
        tv.mask = TVIF_TEXT;
        tv.hItem = item;
        tv.pszText = (LPWSTR)(r->base + 1024);
        tv.cchTextMax = TEXT_MAX;
        WriteProcessMemory(r->process, r->base, &tv, sizeof tv, &done);
        SendMessageW(tree, TVM_GETITEMW, 0, (LPARAM)r->base);
        ReadProcessMemory(r->process, r->base + 1024, text, sizeof text, &done);
        text[TEXT_MAX - 1] = 0;
        WriteProcessMemory(r->process, r->base, &item, sizeof item, &done);
        if (!SendMessageW(tree, TVM_GETITEMRECT, TRUE, (LPARAM)r->base))
            continue;
        ReadProcessMemory(r->process, r->base, &rect, sizeof rect, &done);
        Seen seen = {tree, cls, text, &rect};
        walk->stopped = !walk->visit(&seen, walk->param);
    }
}

static void visit_list(HWND list, const wchar_t *cls, Remote *r, Walk *walk)
{
    static wchar_t text[TEXT_MAX];
    SIZE_T done;
    int count = (int)SendMessageW(list, LVM_GETITEMCOUNT, 0, 0);
    for (int i = 0; i < count && !walk->stopped; i++) {
        LVITEMW lv = {0};
        lv.pszText = (LPWSTR)(r->base + 1024);
        lv.cchTextMax = TEXT_MAX;
        WriteProcessMemory(r->process, r->base, &lv, sizeof lv, &done);
        SendMessageW(list, LVM_GETITEMTEXTW, (WPARAM)i, (LPARAM)r->base);
        ReadProcessMemory(r->process, r->base + 1024, text, sizeof text, &done);
        text[TEXT_MAX - 1] = 0;
        Seen seen = {list, cls, text, NULL};
        walk->stopped = !walk->visit(&seen, walk->param);
    }
}

static BOOL CALLBACK walk_control(HWND h, LPARAM param)
{
    Walk *walk = (Walk *)param;
    wchar_t cls[64];
    static wchar_t text[TEXT_MAX];
    if (!IsWindowVisible(h))
        return TRUE;
    GetClassNameW(h, cls, 64);
    BOOL tree = !wcscmp(cls, L"SysTreeView32"), list = !wcscmp(cls, L"SysListView32");
    if (tree || list) {
        Remote r; /* the messages that read their lines take pointers into the wizard's process */
        if (remote_open(h, &r)) {
            (tree ? visit_tree : visit_list)(h, cls, &r, walk);
            remote_close(&r);
        }
    } else if (!wcscmp(cls, L"Static") || !wcscmp(cls, L"Button") || !wcscmp(cls, L"Edit")) {
        control_text(h, text, TEXT_MAX);
        Seen seen = {h, cls, text, NULL};
        walk->stopped = !walk->visit(&seen, walk->param);
    }
    return !walk->stopped;
}

/* Every visible text of the window's controls, tree and list lines included, in window order. */
static void each_seen(HWND top, SeenVisit visit, void *param)
{
    Walk walk = {visit, param, FALSE};
    if (top)
        EnumChildWindows(top, walk_control, (LPARAM)&walk);
}

static BOOL collect_text(const Seen *seen, void *param)
{
    (void)param;
    out_field(seen->text);
    return TRUE;
}

static void window_texts(HWND top)
{
    wchar_t title[512];
    GetWindowTextW(top, title, 512);
    out_field(title);
    each_seen(top, collect_text, NULL);
}

static void reply(const wchar_t *status)
{
    char buf[OUT_MAX * 3];
    wchar_t line[OUT_MAX + 16];
    _snwprintf(line, OUT_MAX + 16, L"%ls%ls\n", status, g_out);
    line[OUT_MAX + 15] = 0;
    int n = WideCharToMultiByte(CP_UTF8, 0, line, -1, buf, sizeof buf, NULL, NULL);
    fwrite(buf, 1, n > 0 ? (size_t)n - 1 : 0, stdout);
    fflush(stdout);
    g_out[0] = 0;
}

/* -- wait --------------------------------------------------------------------------------------------------------- */

typedef struct {
    const wchar_t *needle;
    BOOL seen;
} Look;

static BOOL look_for(const Seen *seen, void *param)
{
    Look *look = (Look *)param;
    look->seen = wcsstr(seen->text, look->needle) != NULL;
    return !look->seen;
}

static HWND window_showing(const wchar_t *needle)
{
    for (int wizard = 0; wizard < 2; wizard++) {
        HWND top = find_window(wizard);
        Look look = {needle, FALSE};
        each_seen(top, look_for, &look);
        if (look.seen)
            return top;
    }
    return NULL;
}

static int wait_ms(const wchar_t *arg)
{
    return arg && arg[0] ? _wtoi(arg) : DEFAULT_WAIT_MS;
}

/* Looks again every POLL_MS until the condition holds (TRUE) or ms have passed (FALSE). */
typedef BOOL (*Condition)(void *arg);

static BOOL wait_for(Condition holds, void *arg, int ms)
{
    ULONGLONG end = GetTickCount64() + (ULONGLONG)ms;
    while (!holds(arg)) {
        if (GetTickCount64() > end)
            return FALSE;
        Sleep(POLL_MS);
    }
    return TRUE;
}

typedef struct {
    const wchar_t *needle;
    HWND top;
} Showing;

static BOOL is_showing(void *arg)
{
    Showing *showing = (Showing *)arg;
    showing->top = window_showing(showing->needle);
    return showing->top != NULL;
}

static void cmd_wait(const wchar_t *needle, int ms)
{
    Showing showing = {needle, NULL};
    if (wait_for(is_showing, &showing, ms)) {
        window_texts(showing.top);
        reply(L"ok");
        return;
    }
    HWND shown = find_window(TRUE);
    if (!shown)
        shown = find_window(FALSE);
    out_field(L"timeout");
    if (shown)
        window_texts(shown);
    reply(L"error");
}

/* -- click, type -------------------------------------------------------------------------------------------------- */

typedef struct {
    const wchar_t *label;
    const wchar_t *cls;
    HWND found;
} Want;

static BOOL CALLBACK find_control(HWND h, LPARAM param)
{
    Want *want = (Want *)param;
    wchar_t cls[64], text[TEXT_MAX], plain[TEXT_MAX];
    if (!IsWindowVisible(h) || !IsWindowEnabled(h))
        return TRUE;
    GetClassNameW(h, cls, 64);
    if (wcscmp(cls, want->cls))
        return TRUE;
    control_text(h, text, TEXT_MAX);
    plain_label(text, plain, TEXT_MAX);
    if (!want->label || !wcsncmp(plain, want->label, wcslen(want->label))) {
        want->found = h;
        return FALSE;
    }
    return TRUE;
}

static HWND control_in(HWND top, const wchar_t *cls, const wchar_t *label)
{
    Want want = {label, cls, NULL};
    if (top)
        EnumChildWindows(top, find_control, (LPARAM)&want);
    return want.found;
}

static void cmd_click(const wchar_t *label)
{
    HWND top = find_window(TRUE);
    HWND button = control_in(top, L"Button", label);
    if (!button) {
        out_field(L"no enabled button");
        out_field(label);
        if (top)
            window_texts(top);
        reply(L"error");
        return;
    }
    /* Posted, not sent: the click may open a modal message box, which a sent message would wait for. */
    PostMessageW(button, BM_CLICK, 0, 0);
    reply(L"ok");
}

/* The wizard's enabled control of that class (and label, if given); NULL after answering that there is none. */
static HWND wizard_control(const wchar_t *cls, const wchar_t *label)
{
    HWND control = control_in(find_window(TRUE), cls, label);
    if (!control) {
        out_field(L"no such control");
        out_field(cls);
        reply(L"error");
    }
    return control;
}

static void cmd_checked(const wchar_t *label)
{
    HWND button = wizard_control(L"Button", label);
    if (button)
        reply(SendMessageW(button, BM_GETCHECK, 0, 0) == BST_CHECKED ? L"ok" : L"error");
}

static void cmd_type(const wchar_t *text)
{
    HWND edit = wizard_control(L"Edit", NULL);
    if (edit) {
        SendMessageW(edit, WM_SETTEXT, 0, (LPARAM)text); /* the page sees EN_CHANGE, as after typing */
        reply(L"ok");
    }
}

typedef struct {
    const wchar_t *label;
    HWND box, button;
} Answerable;

static BOOL box_with_button(void *arg)
{
    Answerable *a = (Answerable *)arg;
    a->box = find_window(FALSE);
    a->button = control_in(a->box, L"Button", a->label);
    return a->button != NULL;
}

static BOOL window_gone(void *arg)
{
    HWND h = (HWND)arg;
    return !IsWindow(h) || !IsWindowVisible(h);
}

static void cmd_box(const wchar_t *label, int ms)
{
    Answerable a = {label, NULL, NULL};
    if (!wait_for(box_with_button, &a, ms)) {
        out_field(L"no message box with the button");
        out_field(label);
        if (a.box)
            window_texts(a.box);
        reply(L"error");
        return;
    }
    window_texts(a.box);
    PostMessageW(a.button, BM_CLICK, 0, 0);
    /* Answered once the box is gone, so that the next command cannot find it again. */
    reply(wait_for(window_gone, a.box, ms) ? L"ok" : L"error");
}

static BOOL none_of_ours(void *arg)
{
    (void)arg;
    return !find_window(TRUE) && !find_window(FALSE);
}

static void cmd_closed(int ms)
{
    BOOL closed = wait_for(none_of_ours, NULL, ms);
    if (!closed)
        out_field(L"still open");
    reply(closed ? L"ok" : L"error");
}

/* -- fit ---------------------------------------------------------------------------------------------------------- */

static void report_misfit(const wchar_t *text, const RECT *need, int width, int height)
{
    wchar_t line[TEXT_MAX + 128];
    _snwprintf(line, TEXT_MAX + 128, L"%ls: needs %ldx%ld, has %dx%d", text, need->right - need->left,
               need->bottom - need->top, width, height);
    line[TEXT_MAX + 127] = 0;
    out_field(line);
}

/* The width a check box or radio button leaves for its label, and the pixels a push button keeps as margin. */
static int label_room(LONG style, int width)
{
    LONG type = style & BS_TYPEMASK;
    if (type == BS_CHECKBOX || type == BS_AUTOCHECKBOX || type == BS_RADIOBUTTON || type == BS_AUTORADIOBUTTON ||
        type == BS_3STATE || type == BS_AUTO3STATE)
        return width - GetSystemMetrics(SM_CXMENUCHECK) - GetSystemMetrics(SM_CXEDGE);
    return width - 2 * GetSystemMetrics(SM_CXEDGE) - 2;
}

static BOOL check_fit(const Seen *seen, void *param)
{
    BOOL *misfit = (BOOL *)param;
    HWND h = seen->control;
    RECT client;
    GetClientRect(h, &client);
    if (seen->item) { /* a components-list line: its text must end inside the list */
        if (seen->item->right > client.right) {
            RECT need = {0, 0, seen->item->right, seen->item->bottom - seen->item->top};
            report_misfit(seen->text, &need, client.right, client.bottom);
            *misfit = TRUE;
        }
        return TRUE;
    }
    BOOL is_button = !wcscmp(seen->cls, L"Button"), is_static = !wcscmp(seen->cls, L"Static");
    LONG style = GetWindowLongW(h, GWL_STYLE), kind = style & SS_TYPEMASK;
    if ((!is_button && !is_static) || !seen->text[0] || (is_button && (style & BS_TYPEMASK) == BS_GROUPBOX))
        return TRUE;
    if (is_static && kind != SS_LEFT && kind != SS_CENTER && kind != SS_RIGHT && kind != SS_LEFTNOWORDWRAP &&
        kind != SS_SIMPLE)
        return TRUE; /* icons, bitmaps, frames */
    int width = client.right, height = client.bottom;
    UINT format = DT_CALCRECT;
    if (is_button) {
        width = label_room(style, width);
        format |= (style & BS_MULTILINE) ? DT_WORDBREAK : DT_SINGLELINE;
    } else {
        format |= (kind == SS_LEFTNOWORDWRAP || kind == SS_SIMPLE) ? DT_SINGLELINE : DT_WORDBREAK;
        if (style & SS_NOPREFIX)
            format |= DT_NOPREFIX;
    }
    HDC dc = GetDC(h);
    HFONT font = (HFONT)SendMessageW(h, WM_GETFONT, 0, 0);
    HGDIOBJ old = SelectObject(dc, font ? (HGDIOBJ)font : GetStockObject(DEFAULT_GUI_FONT));
    RECT need = {0, 0, width, 0};
    DrawTextW(dc, seen->text, -1, &need, format);
    SelectObject(dc, old);
    ReleaseDC(h, dc);
    if (need.right - need.left > width || need.bottom - need.top > height) {
        report_misfit(seen->text, &need, width, height);
        *misfit = TRUE;
    }
    return TRUE;
}

static void cmd_fit(void)
{
    HWND top = find_window(TRUE);
    BOOL misfit = FALSE;
    if (!top) {
        out_field(L"no wizard");
        reply(L"error");
        return;
    }
    each_seen(top, check_fit, &misfit);
    reply(misfit ? L"error" : L"ok");
}

/* -- open, reg ----------------------------------------------------------------------------------------------------- */

typedef struct {
    wchar_t target[MAX_PATH], workdir[MAX_PATH], args[1024], icon[MAX_PATH];
    int icon_index;
} Link;

static BOOL read_link(const wchar_t *path, Link *link)
{
    IShellLinkW *shell_link = NULL;
    IPersistFile *file = NULL;
    BOOL ok = FALSE;
    memset(link, 0, sizeof *link);
    if (FAILED(CoCreateInstance(&CLSID_ShellLink, NULL, CLSCTX_INPROC_SERVER, &IID_IShellLinkW,
                                (void **)&shell_link)))
        return FALSE;
    if (SUCCEEDED(shell_link->lpVtbl->QueryInterface(shell_link, &IID_IPersistFile, (void **)&file)) &&
        SUCCEEDED(file->lpVtbl->Load(file, path, STGM_READ))) {
        shell_link->lpVtbl->GetPath(shell_link, link->target, MAX_PATH, NULL, SLGP_RAWPATH);
        shell_link->lpVtbl->GetWorkingDirectory(shell_link, link->workdir, MAX_PATH);
        shell_link->lpVtbl->GetArguments(shell_link, link->args, 1024);
        shell_link->lpVtbl->GetIconLocation(shell_link, link->icon, MAX_PATH, &link->icon_index);
        ok = TRUE;
    }
    if (file)
        file->lpVtbl->Release(file);
    shell_link->lpVtbl->Release(shell_link);
    return ok;
}

static void cmd_link(const wchar_t *path)
{
    Link link;
    wchar_t index[16];
    if (!read_link(path, &link)) {
        out_field(L"not a shortcut");
        reply(L"error");
        return;
    }
    _snwprintf(index, 16, L"%d", link.icon_index);
    out_field(link.target);
    out_field(link.workdir[0] ? link.workdir : L"-");
    out_field(link.args[0] ? link.args : L"-");
    out_field(link.icon[0] ? link.icon : L"-");
    out_field(index);
    reply(L"ok");
}

/* Starts what PATH opens; the process handle, or NULL with the reason in the answer. */
static HANDLE start_for(const wchar_t *path)
{
    size_t len = wcslen(path);
    if (len > 4 && !_wcsicmp(path + len - 4, L".lnk")) {
        Link link;
        wchar_t command[MAX_PATH + 1100];
        STARTUPINFOW startup = {0};
        PROCESS_INFORMATION process;
        if (!read_link(path, &link)) {
            out_field(L"not a shortcut");
            return NULL;
        }
        _snwprintf(command, MAX_PATH + 1100, L"\"%ls\" %ls", link.target, link.args);
        command[MAX_PATH + 1099] = 0;
        startup.cb = sizeof startup;
        if (!CreateProcessW(link.target, command, NULL, NULL, FALSE, 0, NULL, link.workdir[0] ? link.workdir : NULL,
                            &startup, &process)) {
            out_field(L"CreateProcess failed");
            return NULL;
        }
        CloseHandle(process.hThread);
        return process.hProcess;
    }
    /* A document: Explorer starts its program in the document's folder. */
    SHELLEXECUTEINFOW info = {0};
    wchar_t folder[MAX_PATH];
    wcsncpy(folder, path, MAX_PATH - 1);
    folder[MAX_PATH - 1] = 0;
    wchar_t *slash = wcsrchr(folder, L'\\');
    if (slash)
        *slash = 0;
    info.cbSize = sizeof info;
    info.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_FLAG_NO_UI | SEE_MASK_NOASYNC;
    info.lpFile = path;
    info.lpDirectory = folder;
    info.nShow = SW_SHOWNORMAL;
    if (!ShellExecuteExW(&info) || !info.hProcess) {
        out_field(L"ShellExecuteEx failed");
        return NULL;
    }
    return info.hProcess;
}

static void cmd_open(const wchar_t *path, int ms)
{
    wchar_t code[32];
    DWORD exit_code = 0;
    HANDLE process = start_for(path);
    if (!process) {
        _snwprintf(code, 32, L"%lu", GetLastError());
        out_field(code);
        reply(L"error");
        return;
    }
    BOOL ended = WaitForSingleObject(process, (DWORD)ms) == WAIT_OBJECT_0;
    GetExitCodeProcess(process, &exit_code);
    CloseHandle(process);
    _snwprintf(code, 32, L"%lu", exit_code);
    out_field(ended ? code : L"still running");
    reply(ended ? L"ok" : L"error");
}

static void dump_key(HKEY root, const wchar_t *root_name, const wchar_t *path)
{
    HKEY key;
    wchar_t full[1024], name[512], sub[1024], field[TEXT_MAX + 1100];
    BYTE data[TEXT_MAX * 2];
    if (RegOpenKeyExW(root, path, 0, KEY_READ | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS)
        return;
    _snwprintf(full, 1024, L"%ls\\%ls", root_name, path);
    full[1023] = 0;
    out_field(full);
    for (DWORD i = 0;; i++) {
        DWORD name_len = 512, size = sizeof data - 2, type;
        if (RegEnumValueW(key, i, name, &name_len, NULL, &type, data, &size) != ERROR_SUCCESS)
            break;
        if (type == REG_SZ || type == REG_EXPAND_SZ) {
            data[size] = data[size + 1] = 0;
            _snwprintf(field, TEXT_MAX + 1100, L"%ls" US L"%ls" US L"s:%ls", full, name, (wchar_t *)data);
        } else if (type == REG_DWORD) {
            _snwprintf(field, TEXT_MAX + 1100, L"%ls" US L"%ls" US L"d:%lu", full, name, *(DWORD *)data);
        } else {
            _snwprintf(field, TEXT_MAX + 1100, L"%ls" US L"%ls" US L"x:type %lu", full, name, type);
        }
        field[TEXT_MAX + 1099] = 0;
        out_field(field);
    }
    for (DWORD i = 0;; i++) {
        DWORD name_len = 512;
        if (RegEnumKeyExW(key, i, name, &name_len, NULL, NULL, NULL, NULL) != ERROR_SUCCESS)
            break;
        _snwprintf(sub, 1024, L"%ls\\%ls", path, name);
        sub[1023] = 0;
        dump_key(root, root_name, sub);
    }
    RegCloseKey(key);
}

static void cmd_reg(wchar_t **fields, int n)
{
    BOOL machine = !wcscmp(fields[1], L"HKLM");
    for (int i = 2; i < n; i++)
        dump_key(machine ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER,
                 machine ? L"HKEY_LOCAL_MACHINE" : L"HKEY_CURRENT_USER", fields[i]);
    reply(L"ok");
}

static void cmd_run(const wchar_t *command_line, int ms)
{
    wchar_t command[8192], code[32];
    STARTUPINFOW startup = {0};
    PROCESS_INFORMATION process;
    DWORD exit_code = 0;
    wcsncpy(command, command_line, 8191);
    command[8191] = 0;
    startup.cb = sizeof startup;
    if (!CreateProcessW(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process)) {
        _snwprintf(code, 32, L"%lu", GetLastError());
        out_field(L"CreateProcess failed");
        out_field(code);
        reply(L"error");
        return;
    }
    BOOL ended = WaitForSingleObject(process.hProcess, (DWORD)ms) == WAIT_OBJECT_0;
    GetExitCodeProcess(process.hProcess, &exit_code);
    CloseHandle(process.hThread);
    CloseHandle(process.hProcess);
    _snwprintf(code, 32, L"%lu", exit_code);
    out_field(ended ? code : L"still running");
    reply(ended ? L"ok" : L"error");
}

static BOOL process_running(const wchar_t *name)
{
    PROCESSENTRY32W entry = {0};
    BOOL found = FALSE;
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    entry.dwSize = sizeof entry;
    for (BOOL more = Process32FirstW(snap, &entry); more && !found; more = Process32NextW(snap, &entry))
        found = !_wcsicmp(entry.szExeFile, name);
    CloseHandle(snap);
    return found;
}

static BOOL process_gone(void *name)
{
    return !process_running((const wchar_t *)name);
}

static void cmd_gone(const wchar_t *name, int ms)
{
    BOOL gone = wait_for(process_gone, (void *)name, ms);
    if (!gone)
        out_field(L"still running");
    reply(gone ? L"ok" : L"error");
}

/* -- the command loop --------------------------------------------------------------------------------------------- */

static int split(wchar_t *line, wchar_t **fields, int max)
{
    int n = 0;
    wchar_t *p = line;
    while (n < max) {
        fields[n++] = p;
        wchar_t *tab = wcschr(p, L'\t');
        if (!tab)
            break;
        *tab = 0;
        p = tab + 1;
    }
    for (int i = n; i < max; i++)
        fields[i] = NULL;
    return n;
}

int wmain(int argc, wchar_t **argv)
{
    char raw[8192];
    wchar_t line[8192];
    if (argc < 2) {
        fputs("usage: drive.exe WINDOW-TITLE-PREFIX\n", stderr);
        return 2;
    }
    wcsncpy(g_prefix, argv[1], 255);
    CoInitialize(NULL);
    while (fgets(raw, sizeof raw, stdin)) {
        raw[strcspn(raw, "\r\n")] = 0;
        MultiByteToWideChar(CP_UTF8, 0, raw, -1, line, 8192);
        wchar_t *f[16];
        int n = split(line, f, 16);
        if (!wcscmp(f[0], L"wait") && f[1])
            cmd_wait(f[1], wait_ms(f[2]));
        else if (!wcscmp(f[0], L"texts")) {
            HWND top = find_window(TRUE);
            if (top)
                window_texts(top);
            reply(top ? L"ok" : L"error");
        } else if (!wcscmp(f[0], L"click") && f[1])
            cmd_click(f[1]);
        else if (!wcscmp(f[0], L"checked") && f[1])
            cmd_checked(f[1]);
        else if (!wcscmp(f[0], L"type") && f[1])
            cmd_type(f[1]);
        else if (!wcscmp(f[0], L"box") && f[1])
            cmd_box(f[1], wait_ms(f[2]));
        else if (!wcscmp(f[0], L"fit"))
            cmd_fit();
        else if (!wcscmp(f[0], L"closed"))
            cmd_closed(wait_ms(f[1]));
        else if (!wcscmp(f[0], L"run") && f[1])
            cmd_run(f[1], f[2] && f[2][0] ? _wtoi(f[2]) : RUN_WAIT_MS);
        else if (!wcscmp(f[0], L"gone") && f[1])
            cmd_gone(f[1], wait_ms(f[2]));
        else if (!wcscmp(f[0], L"link") && f[1])
            cmd_link(f[1]);
        else if (!wcscmp(f[0], L"open") && f[1])
            cmd_open(f[1], wait_ms(f[2]));
        else if (!wcscmp(f[0], L"reg") && n >= 3)
            cmd_reg(f, n);
        else {
            out_field(L"unknown command");
            reply(L"error");
        }
    }
    return 0;
}
