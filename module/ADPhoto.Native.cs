// ADPhoto.Native.cs: the interop class between PowerShell and the ADPhoto native library.
//
// Loaded by Add-Type in Windows PowerShell 5.1 (.NET Framework 4.5+, C# 5 compiler) and in
// PowerShell 7 (.NET 6+); also compiled by Mono's mcs for the interop tests. Keep it C# 5 and
// self-contained: no string interpolation, no null-conditional operators, no JSON library.
//
// The contract is rust/include/README.md:
//   * the library is loaded by absolute path (never by a search) and every function is bound
//     through a Cdecl delegate, so the module never picks up another adphoto library;
//   * text crosses as UTF-8 (pointer, length) pairs, marshalled by hand here;
//   * every buffer the library returns is copied and then freed with adphoto_free;
//   * after a failure, adphoto_last_error (same thread) says what went wrong.

using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace ADPhoto
{
    /// <summary>A failure reported by the native library.</summary>
    public sealed class ADPhotoException : Exception
    {
        private readonly int status;
        private readonly string kind;

        public ADPhotoException(int status, string kind, string message)
            : base(message)
        {
            this.status = status;
            this.kind = kind;
        }

        /// <summary>The adphoto_status code (10 null pointer, 12 invalid request, 20 failed, ...).</summary>
        public int Status { get { return status; } }

        /// <summary>The error kind from adphoto_last_error ("corrupt", "invalid-request", ...).</summary>
        public string Kind { get { return kind; } }
    }

    /// <summary>Entry points of the native library.</summary>
    public static class Native
    {
        /// <summary>The ABI version this file was written against (adphoto_abi_version).</summary>
        public const uint ExpectedAbiVersion = 1;

        // Status codes (rust/include/README.md).
        internal const int StatusOk = 0;
        internal const int StatusPending = 1;
        internal const int StatusDone = 2;
        internal const int StatusNullPointer = 10;
        internal const int StatusInvalidUtf8 = 11;
        internal const int StatusInvalidRequest = 12;
        internal const int StatusTooLarge = 13;
        internal const int StatusInvalidState = 14;
        internal const int StatusFailed = 20;
        internal const int StatusInternal = 30;

        // ---- The native functions, as Cdecl delegates -------------------------------------

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate uint AbiVersionFn();

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr VersionFn();

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int LastErrorFn(ref IntPtr json, ref UIntPtr jsonLen);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void FreeFn(IntPtr data, UIntPtr len);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int ConvertFn(IntPtr image, UIntPtr imageLen,
                                       IntPtr optionsJson, UIntPtr optionsLen,
                                       ref IntPtr photos, ref UIntPtr photosLen,
                                       ref IntPtr infoJson, ref UIntPtr infoLen);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int JobStartFn(IntPtr requestJson, UIntPtr requestLen, ref IntPtr job);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int JobNextFn(IntPtr job, uint waitMs, ref IntPtr eventJson, ref UIntPtr eventLen);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int JobApplyFn(IntPtr job, IntPtr selectionJson, UIntPtr selectionLen);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate int JobCancelFn(IntPtr job);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void JobFreeFn(IntPtr job);

        // Bound once by Load and never replaced (the delegates keep the thunks alive).
        private static AbiVersionFn abiVersionFn;
        private static VersionFn versionFn;
        private static LastErrorFn lastErrorFn;
        private static FreeFn freeFn;
        private static ConvertFn convertFn;
        private static JobStartFn jobStartFn;
        private static JobNextFn jobNextFn;
        private static JobApplyFn jobApplyFn;
        private static JobCancelFn jobCancelFn;
        private static JobFreeFn jobFreeFn;

        private static readonly object loadGate = new object();
        private static volatile bool loaded;
        private static string loadedPath;

        // Outgoing text must be exactly what the caller wrote (it may be a password): refuse
        // lone surrogates instead of replacing them. Incoming text is the library's own UTF-8.
        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        // ---- Loading ------------------------------------------------------------------------

        /// <summary>True once Load has bound every function.</summary>
        public static bool IsLoaded { get { return loaded; } }

        /// <summary>The absolute path the library was loaded from (null before Load).</summary>
        public static string LoadedPath { get { return loadedPath; } }

        /// <summary>
        /// Loads the native library from an absolute path and binds every function. Calling it
        /// again with the same file does nothing; with another file it throws (a process can hold
        /// only one ADPhoto library).
        /// </summary>
        public static void Load(string absolutePath)
        {
            if (absolutePath == null)
            {
                throw new ArgumentNullException("absolutePath");
            }
            if (absolutePath.Length == 0 || !Path.IsPathRooted(absolutePath))
            {
                throw new ArgumentException(
                    "The ADPhoto native library must be given by absolute path, not '" + absolutePath + "'.",
                    "absolutePath");
            }
            string full = Path.GetFullPath(absolutePath);
            lock (loadGate)
            {
                if (loaded)
                {
                    if (SamePath(full, loadedPath))
                    {
                        return;
                    }
                    throw new InvalidOperationException(
                        "The ADPhoto native library is already loaded from '" + loadedPath +
                        "'; it cannot also be loaded from '" + full + "' in the same process.");
                }
                if (!File.Exists(full))
                {
                    throw new FileNotFoundException(
                        "The ADPhoto native library was not found at '" + full + "'.", full);
                }

                IntPtr handle = OpenLibrary(full);

                // Every name is written out so that a reader (and the repository's checker) can
                // see exactly which functions of rust/include/adphoto.h this file uses.
                AbiVersionFn abiVersion = Bind<AbiVersionFn>(GetProcAddress(handle, "adphoto_abi_version", full));
                uint abi = abiVersion();
                if (abi != ExpectedAbiVersion)
                {
                    throw new DllNotFoundException(
                        "The ADPhoto native library at '" + full + "' has ABI version " + abi +
                        " but this module needs version " + ExpectedAbiVersion +
                        "; install the library that came with this module.");
                }
                VersionFn version = Bind<VersionFn>(GetProcAddress(handle, "adphoto_version", full));
                LastErrorFn lastError = Bind<LastErrorFn>(GetProcAddress(handle, "adphoto_last_error", full));
                FreeFn free = Bind<FreeFn>(GetProcAddress(handle, "adphoto_free", full));
                ConvertFn convert = Bind<ConvertFn>(GetProcAddress(handle, "adphoto_convert", full));
                JobStartFn jobStart = Bind<JobStartFn>(GetProcAddress(handle, "adphoto_job_start", full));
                JobNextFn jobNext = Bind<JobNextFn>(GetProcAddress(handle, "adphoto_job_next", full));
                JobApplyFn jobApply = Bind<JobApplyFn>(GetProcAddress(handle, "adphoto_job_apply", full));
                JobCancelFn jobCancel = Bind<JobCancelFn>(GetProcAddress(handle, "adphoto_job_cancel", full));
                JobFreeFn jobFree = Bind<JobFreeFn>(GetProcAddress(handle, "adphoto_job_free", full));

                // All or nothing: publish the delegates only once every symbol was found.
                abiVersionFn = abiVersion;
                versionFn = version;
                lastErrorFn = lastError;
                freeFn = free;
                convertFn = convert;
                jobStartFn = jobStart;
                jobNextFn = jobNext;
                jobApplyFn = jobApply;
                jobCancelFn = jobCancel;
                jobFreeFn = jobFree;
                loadedPath = full;
                loaded = true;
                // The library stays loaded for the life of the process: jobs may still run on
                // its threads, and unloading a Rust library with thread-locals is not safe.
            }
        }

        private static bool SamePath(string a, string b)
        {
            return string.Equals(a, b, IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        private static void EnsureLoaded()
        {
            if (!loaded)
            {
                throw new InvalidOperationException(
                    "The ADPhoto native library is not loaded; call [ADPhoto.Native]::Load(path) first.");
            }
        }

        // ---- Small entry points -------------------------------------------------------------

        /// <summary>adphoto_abi_version: changes when a signature changes.</summary>
        public static uint AbiVersion()
        {
            EnsureLoaded();
            return abiVersionFn();
        }

        /// <summary>adphoto_version: the library's version, e.g. "0.1.0".</summary>
        public static string Version()
        {
            EnsureLoaded();
            return CStringToString(versionFn());
        }

        /// <summary>
        /// The raw JSON of adphoto_last_error for the calling thread:
        /// {"status": N, "kind": "...", "message": "..."}; null if the library has none to give.
        /// </summary>
        public static string LastError()
        {
            EnsureLoaded();
            IntPtr json = IntPtr.Zero;
            UIntPtr len = UIntPtr.Zero;
            int status = StatusInternal;
            try
            {
                status = lastErrorFn(ref json, ref len);
                if (status != StatusOk || json == IntPtr.Zero)
                {
                    return null;
                }
                return CopyString(json, len);
            }
            finally
            {
                FreeBuffer(json, len);
            }
        }

        // ---- Conversion ---------------------------------------------------------------------

        /// <summary>
        /// adphoto_convert: every output JPEG, one after another; infoJson says where each one
        /// is (outputs[i].offset, outputs[i].length). optionsJson may be null (defaults).
        /// </summary>
        public static byte[] Convert(byte[] image, string optionsJson, out string infoJson)
        {
            if (image == null)
            {
                throw new ArgumentNullException("image");
            }
            EnsureLoaded();
            infoJson = null;
            byte[] options = optionsJson == null ? null : StrictUtf8.GetBytes(optionsJson);

            GCHandle imagePin = GCHandle.Alloc(image, GCHandleType.Pinned);
            GCHandle optionsPin = options == null ? new GCHandle() : GCHandle.Alloc(options, GCHandleType.Pinned);
            IntPtr photos = IntPtr.Zero;
            UIntPtr photosLen = UIntPtr.Zero;
            IntPtr info = IntPtr.Zero;
            UIntPtr infoLen = UIntPtr.Zero;
            try
            {
                int status = convertFn(
                    imagePin.AddrOfPinnedObject(), new UIntPtr((uint)image.Length),
                    options == null ? IntPtr.Zero : optionsPin.AddrOfPinnedObject(),
                    new UIntPtr(options == null ? 0u : (uint)options.Length),
                    ref photos, ref photosLen, ref info, ref infoLen);
                if (status != StatusOk)
                {
                    throw ErrorFor(status, "adphoto_convert");
                }
                byte[] result = CopyBytes(photos, photosLen);
                infoJson = CopyString(info, infoLen);
                return result;
            }
            finally
            {
                FreeBuffer(photos, photosLen);
                FreeBuffer(info, infoLen);
                if (optionsPin.IsAllocated)
                {
                    optionsPin.Free();
                }
                imagePin.Free();
            }
        }

        // ---- Jobs -----------------------------------------------------------------------------

        /// <summary>
        /// adphoto_job_start with a request like {"task": "set", ...}. The UTF-8 copy of the
        /// request (it may hold a password) is zeroed after the call.
        /// </summary>
        public static Job StartJob(string requestJson)
        {
            if (requestJson == null)
            {
                throw new ArgumentNullException("requestJson");
            }
            EnsureLoaded();
            byte[] request = StrictUtf8.GetBytes(requestJson);
            GCHandle pin = GCHandle.Alloc(request, GCHandleType.Pinned);
            IntPtr job = IntPtr.Zero;
            try
            {
                int status = jobStartFn(pin.AddrOfPinnedObject(), new UIntPtr((uint)request.Length), ref job);
                if (status != StatusOk)
                {
                    throw ErrorFor(status, "adphoto_job_start");
                }
                if (job == IntPtr.Zero)
                {
                    throw new ADPhotoException(StatusInternal, "internal",
                        "adphoto_job_start reported success but returned no job.");
                }
                return new Job(job);
            }
            finally
            {
                Array.Clear(request, 0, request.Length);
                pin.Free();
            }
        }

        internal static string JobNext(IntPtr job, uint waitMs, out int status)
        {
            IntPtr ev = IntPtr.Zero;
            UIntPtr len = UIntPtr.Zero;
            try
            {
                status = jobNextFn(job, waitMs, ref ev, ref len);
                if (status == StatusOk)
                {
                    return CopyString(ev, len);
                }
                if (status == StatusPending || status == StatusDone)
                {
                    return null;
                }
                throw ErrorFor(status, "adphoto_job_next");
            }
            finally
            {
                FreeBuffer(ev, len);
            }
        }

        internal static void JobApply(IntPtr job, string selectionJson)
        {
            byte[] selection = selectionJson == null ? null : StrictUtf8.GetBytes(selectionJson);
            GCHandle pin = selection == null ? new GCHandle() : GCHandle.Alloc(selection, GCHandleType.Pinned);
            try
            {
                int status = jobApplyFn(job,
                    selection == null ? IntPtr.Zero : pin.AddrOfPinnedObject(),
                    new UIntPtr(selection == null ? 0u : (uint)selection.Length));
                if (status != StatusOk)
                {
                    throw ErrorFor(status, "adphoto_job_apply");
                }
            }
            finally
            {
                if (pin.IsAllocated)
                {
                    pin.Free();
                }
            }
        }

        internal static void JobCancel(IntPtr job)
        {
            int status = jobCancelFn(job);
            if (status != StatusOk)
            {
                throw ErrorFor(status, "adphoto_job_cancel");
            }
        }

        internal static void JobFree(IntPtr job)
        {
            jobFreeFn(job);
        }

        // ---- Errors ---------------------------------------------------------------------------

        /// <summary>The exception for a failed call, from adphoto_last_error on this thread.</summary>
        private static ADPhotoException ErrorFor(int status, string function)
        {
            string json = null;
            try
            {
                json = LastError();
            }
            catch (Exception)
            {
                json = null;
            }
            string kind = json == null ? null : JsonStringField(json, "kind");
            string message = json == null ? null : JsonStringField(json, "message");
            if (string.IsNullOrEmpty(kind))
            {
                kind = StatusKind(status);
            }
            if (string.IsNullOrEmpty(message))
            {
                message = function + " failed with status " + status + " (" + StatusKind(status) + ").";
            }
            return new ADPhotoException(status, kind, message);
        }

        private static string StatusKind(int status)
        {
            switch (status)
            {
                case StatusOk: return "ok";
                case StatusPending: return "pending";
                case StatusDone: return "done";
                case StatusNullPointer: return "null-pointer";
                case StatusInvalidUtf8: return "invalid-utf8";
                case StatusInvalidRequest: return "invalid-request";
                case StatusTooLarge: return "too-large";
                case StatusInvalidState: return "invalid-state";
                case StatusFailed: return "failed";
                case StatusInternal: return "internal";
                default: return "status-" + status;
            }
        }

        /// <summary>
        /// The value of a string member of a JSON object's top level, or null (absent, not a
        /// string, or not a JSON object). Enough for adphoto_last_error; not a general parser.
        /// </summary>
        internal static string JsonStringField(string json, string field)
        {
            try
            {
                int i = SkipSpace(json, 0);
                if (i >= json.Length || json[i] != '{')
                {
                    return null;
                }
                i = SkipSpace(json, i + 1);
                if (i < json.Length && json[i] == '}')
                {
                    return null;
                }
                while (i < json.Length)
                {
                    string key;
                    i = ReadJsonString(json, i, out key);
                    i = SkipSpace(json, i);
                    if (i >= json.Length || json[i] != ':')
                    {
                        return null;
                    }
                    i = SkipSpace(json, i + 1);
                    if (i < json.Length && json[i] == '"')
                    {
                        string value;
                        i = ReadJsonString(json, i, out value);
                        if (key == field)
                        {
                            return value;
                        }
                    }
                    else
                    {
                        i = SkipJsonValue(json, i);
                    }
                    i = SkipSpace(json, i);
                    if (i < json.Length && json[i] == ',')
                    {
                        i = SkipSpace(json, i + 1);
                        continue;
                    }
                    return null; // '}' (field absent) or malformed
                }
                return null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static int SkipSpace(string s, int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            {
                i++;
            }
            return i;
        }

        /// <summary>Reads the JSON string starting at s[i] == '"'; returns the index after it.</summary>
        private static int ReadJsonString(string s, int i, out string value)
        {
            if (i >= s.Length || s[i] != '"')
            {
                throw new FormatException("expected a JSON string");
            }
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.Length)
            {
                char c = s[i];
                if (c == '"')
                {
                    value = sb.ToString();
                    return i + 1;
                }
                if (c != '\\')
                {
                    sb.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= s.Length)
                {
                    break;
                }
                char e = s[i + 1];
                i += 2;
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (i + 4 > s.Length)
                        {
                            throw new FormatException("truncated \\u escape");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            int d = HexDigit(s[i + k]);
                            if (d < 0)
                            {
                                throw new FormatException("bad \\u escape");
                            }
                            code = code * 16 + d;
                        }
                        // Surrogate pairs arrive as two escapes; appending both UTF-16 units
                        // in order rebuilds the character.
                        sb.Append((char)code);
                        i += 4;
                        break;
                    default:
                        throw new FormatException("bad escape");
                }
            }
            throw new FormatException("unterminated JSON string");
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>Skips a JSON value that is not a string at the top (number, literal, object, array).</summary>
        private static int SkipJsonValue(string s, int i)
        {
            int depth = 0;
            while (i < s.Length)
            {
                char c = s[i];
                if (c == '"')
                {
                    string ignored;
                    i = ReadJsonString(s, i, out ignored);
                    if (depth == 0)
                    {
                        return i;
                    }
                    continue;
                }
                if (c == '{' || c == '[')
                {
                    depth++;
                }
                else if (c == '}' || c == ']')
                {
                    if (depth == 0)
                    {
                        return i; // the end of the enclosing object
                    }
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }
                else if (c == ',' && depth == 0)
                {
                    return i;
                }
                i++;
            }
            return i;
        }

        // ---- Buffers --------------------------------------------------------------------------

        private static void FreeBuffer(IntPtr data, UIntPtr len)
        {
            if (data != IntPtr.Zero)
            {
                freeFn(data, len);
            }
        }

        private static byte[] CopyBytes(IntPtr data, UIntPtr len)
        {
            ulong n = len.ToUInt64();
            if (n == 0)
            {
                return new byte[0];
            }
            if (data == IntPtr.Zero)
            {
                throw new ADPhotoException(StatusInternal, "internal",
                    "The ADPhoto library returned a NULL buffer of " + n + " bytes.");
            }
            if (n > int.MaxValue)
            {
                throw new ADPhotoException(StatusTooLarge, "too-large",
                    "The ADPhoto library returned " + n + " bytes, more than one .NET array holds.");
            }
            byte[] bytes = new byte[(int)n];
            Marshal.Copy(data, bytes, 0, (int)n);
            return bytes;
        }

        private static string CopyString(IntPtr data, UIntPtr len)
        {
            return Utf8.GetString(CopyBytes(data, len));
        }

        /// <summary>A NUL-terminated UTF-8 string (static in the library: not freed).</summary>
        private static string CStringToString(IntPtr p)
        {
            if (p == IntPtr.Zero)
            {
                return null;
            }
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0)
            {
                n++;
            }
            byte[] bytes = new byte[n];
            Marshal.Copy(p, bytes, 0, n);
            return Utf8.GetString(bytes);
        }

        // ---- Platform loader ------------------------------------------------------------------

        private static bool IsWindows
        {
            get
            {
                return Environment.OSVersion.Platform == PlatformID.Win32NT;
            }
        }

        private static bool IsMacOS
        {
            get
            {
                return !IsWindows && Directory.Exists("/System/Library/CoreServices");
            }
        }

        private const int RTLD_NOW = 2;

        // Which dl* set worked (0: none yet, 1: libdl.so.2, 2: libc, 3: libSystem).
        private static int dlFlavor;

        private static IntPtr OpenLibrary(string fullPath)
        {
            if (IsWindows)
            {
                IntPtr h = Win32.LoadLibraryW(fullPath);
                if (h == IntPtr.Zero)
                {
                    int error = Marshal.GetLastWin32Error();
                    string hint = "";
                    if (error == 193)
                    {
                        hint = " (not a valid library for this process: is it built for another CPU architecture?)";
                    }
                    else if (error == 126)
                    {
                        hint = " (the file or a library it depends on could not be found)";
                    }
                    throw new DllNotFoundException(
                        "Could not load the ADPhoto native library '" + fullPath +
                        "': Windows error " + error + hint + ".");
                }
                return h;
            }

            byte[] path = NulTerminated(fullPath);
            Exception missing = null;
            int[] order = IsMacOS ? new int[] { 3, 2 } : new int[] { 1, 2 };
            foreach (int flavor in order)
            {
                IntPtr h;
                try
                {
                    h = DlOpen(flavor, path);
                }
                catch (DllNotFoundException e)
                {
                    missing = e; // this provider of dlopen is absent: try the next
                    continue;
                }
                catch (EntryPointNotFoundException e)
                {
                    missing = e;
                    continue;
                }
                if (h == IntPtr.Zero)
                {
                    string reason = DlError(flavor);
                    throw new DllNotFoundException(
                        "Could not load the ADPhoto native library '" + fullPath + "': " +
                        (reason ?? "dlopen failed") + ".");
                }
                dlFlavor = flavor;
                return h;
            }
            throw new DllNotFoundException(
                "Could not load the ADPhoto native library '" + fullPath +
                "': no dynamic loader (dlopen) was found in libdl.so.2, libc or libSystem" +
                (missing == null ? "" : " (" + missing.Message + ")") + ".", missing);
        }

        /// <summary>The function at an exported address, as a delegate of type T.</summary>
        private static T Bind<T>(IntPtr address) where T : class
        {
            return (T)(object)Marshal.GetDelegateForFunctionPointer(address, typeof(T));
        }

        /// <summary>The address of an exported function; throws EntryPointNotFoundException.</summary>
        private static IntPtr GetProcAddress(IntPtr handle, string name, string fullPath)
        {
            IntPtr p;
            if (IsWindows)
            {
                p = Win32.GetProcAddress(handle, name);
            }
            else
            {
                p = DlSym(dlFlavor, handle, NulTerminated(name));
            }
            if (p == IntPtr.Zero)
            {
                throw new EntryPointNotFoundException(
                    "The ADPhoto native library '" + fullPath + "' does not export '" + name +
                    "'; it does not match this module.");
            }
            return p;
        }

        private static byte[] NulTerminated(string s)
        {
            byte[] text = StrictUtf8.GetBytes(s);
            byte[] z = new byte[text.Length + 1];
            Buffer.BlockCopy(text, 0, z, 0, text.Length);
            return z;
        }

        private static IntPtr DlOpen(int flavor, byte[] path)
        {
            switch (flavor)
            {
                case 1: return LibDl.dlopen(path, RTLD_NOW);
                case 2: return LibC.dlopen(path, RTLD_NOW);
                default: return LibSystem.dlopen(path, RTLD_NOW);
            }
        }

        private static IntPtr DlSym(int flavor, IntPtr handle, byte[] name)
        {
            switch (flavor)
            {
                case 1: return LibDl.dlsym(handle, name);
                case 2: return LibC.dlsym(handle, name);
                default: return LibSystem.dlsym(handle, name);
            }
        }

        private static string DlError(int flavor)
        {
            IntPtr p;
            switch (flavor)
            {
                case 1: p = LibDl.dlerror(); break;
                case 2: p = LibC.dlerror(); break;
                default: p = LibSystem.dlerror(); break;
            }
            return CStringToString(p);
        }

        private static class Win32
        {
            [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
            internal static extern IntPtr LoadLibraryW(string path);

            [DllImport("kernel32.dll", CharSet = CharSet.Ansi, SetLastError = true, ExactSpelling = true)]
            internal static extern IntPtr GetProcAddress(IntPtr module, string name);
        }

        private static class LibDl
        {
            [DllImport("libdl.so.2")]
            internal static extern IntPtr dlopen(byte[] path, int flags);

            [DllImport("libdl.so.2")]
            internal static extern IntPtr dlsym(IntPtr handle, byte[] name);

            [DllImport("libdl.so.2")]
            internal static extern IntPtr dlerror();
        }

        private static class LibC
        {
            [DllImport("libc")]
            internal static extern IntPtr dlopen(byte[] path, int flags);

            [DllImport("libc")]
            internal static extern IntPtr dlsym(IntPtr handle, byte[] name);

            [DllImport("libc")]
            internal static extern IntPtr dlerror();
        }

        private static class LibSystem
        {
            [DllImport("/usr/lib/libSystem.dylib")]
            internal static extern IntPtr dlopen(byte[] path, int flags);

            [DllImport("/usr/lib/libSystem.dylib")]
            internal static extern IntPtr dlsym(IntPtr handle, byte[] name);

            [DllImport("/usr/lib/libSystem.dylib")]
            internal static extern IntPtr dlerror();
        }
    }

    /// <summary>
    /// A running job (adphoto_job_start). Pull events with Next until IsDone; Dispose frees it
    /// (cancelling it first if it still runs, and waiting for its thread). Next and Apply on one
    /// job are serialized; Cancel may come from any thread (a Ctrl+C handler) at any time and
    /// does not wait for a Next in progress. There is deliberately no finalizer: freeing joins
    /// the job's thread, which must not happen on the finalizer thread. Always Dispose
    /// (try/finally in the cmdlets).
    /// </summary>
    public sealed class Job : IDisposable
    {
        // gate: Next, Apply, Dispose (one caller at a time, as the library requires).
        // handleGate: reading the handle for Cancel, and clearing it in Dispose, so that Cancel
        // never uses a freed job.
        private readonly object gate = new object();
        private readonly object handleGate = new object();
        private IntPtr handle;
        private volatile bool done;

        internal Job(IntPtr handle)
        {
            this.handle = handle;
        }

        /// <summary>True once adphoto_job_next returned ADPHOTO_DONE.</summary>
        public bool IsDone
        {
            get { return done; }
        }

        /// <summary>
        /// The next event's JSON, waiting up to waitMilliseconds for one; null when none arrived
        /// in time (call again) or when the job is done (IsDone then says so).
        /// </summary>
        public string Next(int waitMilliseconds)
        {
            if (waitMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("waitMilliseconds", "The wait cannot be negative.");
            }
            lock (gate)
            {
                IntPtr h = LiveHandle();
                if (done)
                {
                    return null;
                }
                int status;
                string ev = Native.JobNext(h, (uint)waitMilliseconds, out status);
                if (status == Native.StatusDone)
                {
                    done = true;
                }
                return ev;
            }
        }

        /// <summary>adphoto_job_apply: write the planned items selected ({"items": [ids]}; null: all).</summary>
        public void Apply(string selectionJson)
        {
            lock (gate)
            {
                Native.JobApply(LiveHandle(), selectionJson);
            }
        }

        /// <summary>adphoto_job_cancel: ask the job to stop; events keep flowing to "done". No-op once disposed.</summary>
        public void Cancel()
        {
            lock (handleGate)
            {
                if (handle != IntPtr.Zero)
                {
                    Native.JobCancel(handle);
                }
            }
        }

        /// <summary>adphoto_job_free, once (cancels a running job and waits for its thread).</summary>
        public void Dispose()
        {
            lock (gate)
            {
                IntPtr h;
                lock (handleGate)
                {
                    h = handle;
                    handle = IntPtr.Zero;
                }
                if (h != IntPtr.Zero)
                {
                    Native.JobFree(h);
                }
            }
        }

        private IntPtr LiveHandle()
        {
            IntPtr h = handle;
            if (h == IntPtr.Zero)
            {
                throw new ObjectDisposedException("ADPhoto.Job");
            }
            return h;
        }
    }
}
