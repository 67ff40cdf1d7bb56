// Interop harness: module/ADPhoto.Native.cs against the real native library, under Mono.
//
//   mono Harness.exe <absolute path to libadphoto.so> <repository root>
//
// One line per check ("ok - ..." / "FAIL - ..."), a closing "N passed, N failed" line, and a
// non-zero exit code on any failure. Written in C# 5 like the class it tests.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using ADPhoto;

internal static class Harness
{
    private static int passed;
    private static int failed;
    private static string repo;
    private static string lib;
    private static string temp;

    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Harness.exe <libadphoto path> <repository root>");
            return 2;
        }
        lib = Path.GetFullPath(args[0]);
        repo = Path.GetFullPath(args[1]);
        temp = Path.Combine(Path.GetTempPath(), "adphoto-interop-" + Process.GetCurrentProcess().Id);
        Directory.CreateDirectory(temp);
        try
        {
            Section("loading", TestLoading);
            if (!Native.IsLoaded)
            {
                Console.WriteLine("FAIL - the library did not load; nothing else can run");
                failed++;
            }
            else
            {
                Section("version", TestVersion);
                Section("convert", TestConvert);
                Section("convert errors", TestConvertErrors);
                Section("unicode", TestUnicode);
                Section("large buffers", TestLarge);
                Section("job lifecycle", TestJobLifecycle);
                Section("set to LDIF", TestSetLdif);
                Section("confirm and apply", TestConfirm);
                Section("confirm, Apply(null) right after planned", TestConfirmAll);
                Section("confirm, Apply at once, 20 times", TestConfirmRace);
                Section("confirm, then Dispose", TestConfirmFreed);
                Section("mode plan", TestPlanOnly);
                Section("cancel", TestCancel);
                Section("job errors", TestJobErrors);
                Section("threads", TestThreads);
                Section("10,000 calls", delegate
                {
                    // On a thread of its own: the library's per-thread state starts fresh.
                    Exception failure = null;
                    Thread t = new Thread(delegate()
                    {
                        try
                        {
                            TestLoop();
                        }
                        catch (Exception e)
                        {
                            failure = e;
                        }
                    });
                    t.Start();
                    t.Join();
                    if (failure != null)
                    {
                        throw new Exception("on the loop's thread: " + failure.GetType().Name + ": " + failure.Message + "\n" + failure.StackTrace, failure);
                    }
                });
            }
        }
        finally
        {
            try
            {
                Directory.Delete(temp, true);
            }
            catch (Exception e)
            {
                Console.WriteLine("note: could not remove " + temp + ": " + e.Message);
            }
        }
        Console.WriteLine(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    // ---- Reporting ----------------------------------------------------------------------------

    private static void Section(string name, Action body)
    {
        Console.WriteLine("# " + name);
        try
        {
            body();
        }
        catch (Exception e)
        {
            Fail(name + ": unexpected " + e.GetType().Name + ": " + e.Message);
            Console.WriteLine("    " + e.StackTrace.Replace("\n", "\n    "));
        }
    }

    private static bool Check(bool ok, string what)
    {
        return Check(ok, what, null);
    }

    private static bool Check(bool ok, string what, string detail)
    {
        if (ok)
        {
            passed++;
            Console.WriteLine("ok - " + what);
        }
        else
        {
            Fail(what + (detail == null ? "" : " [" + detail + "]"));
        }
        return ok;
    }

    private static void Fail(string what)
    {
        failed++;
        Console.WriteLine("FAIL - " + what);
    }

    /// <summary>Runs body and checks it throws T (returned for more checks), or fails.</summary>
    private static T Throws<T>(string what, Action body) where T : Exception
    {
        try
        {
            body();
        }
        catch (T e)
        {
            Check(true, what + " -> " + typeof(T).Name + ": " + OneLine(e.Message));
            return e;
        }
        catch (Exception e)
        {
            Fail(what + ": expected " + typeof(T).Name + ", got " + e.GetType().Name + ": " + OneLine(e.Message));
            return null;
        }
        Fail(what + ": expected " + typeof(T).Name + ", nothing was thrown");
        return null;
    }

    private static void ExpectStatus(string what, int status, string kind, Action body)
    {
        ADPhotoException e = Throws<ADPhotoException>(what, body);
        if (e == null)
        {
            return;
        }
        Check(e.Status == status, what + ": status " + status, "got " + e.Status);
        if (kind != null)
        {
            Check(e.Kind == kind, what + ": kind '" + kind + "'", "got '" + e.Kind + "'");
        }
        Check(!string.IsNullOrEmpty(e.Kind), what + ": has a kind");
        Check(!string.IsNullOrEmpty(e.Message), what + ": has a message");
    }

    private static string OneLine(string s)
    {
        if (s == null)
        {
            return "(null)";
        }
        s = s.Replace("\r", " ").Replace("\n", " ");
        return s.Length > 200 ? s.Substring(0, 200) + "..." : s;
    }

    // ---- Loading ------------------------------------------------------------------------------

    private static void TestLoading()
    {
        Check(!Native.IsLoaded, "IsLoaded is false before Load");
        Throws<InvalidOperationException>("Version() before Load", delegate { Native.Version(); });
        Throws<ArgumentException>("Load(relative path)", delegate { Native.Load("libadphoto.so"); });
        Throws<ArgumentNullException>("Load(null)", delegate { Native.Load(null); });

        string missing = Path.Combine(temp, "no-such-dir", "libadphoto.so");
        FileNotFoundException nf = Throws<FileNotFoundException>("Load(missing file)", delegate { Native.Load(missing); });
        if (nf != null)
        {
            Check(nf.Message.Contains(missing), "the FileNotFoundException names the path", nf.Message);
        }

        string notALibrary = Path.Combine(temp, "not-a-library.so");
        File.WriteAllText(notALibrary, "this is not an ELF file\n");
        DllNotFoundException dl = Throws<DllNotFoundException>("Load(a text file)", delegate { Native.Load(notALibrary); });
        if (dl != null)
        {
            Check(dl.Message.Contains(notALibrary), "the DllNotFoundException names the path", dl.Message);
        }
        Check(!Native.IsLoaded, "IsLoaded is still false after failed loads");

        Native.Load(lib);
        Check(Native.IsLoaded, "Load(" + lib + ")");
        Native.Load(lib);
        Check(Native.IsLoaded, "Load again with the same path is a no-op");
        Throws<InvalidOperationException>("Load from another path once loaded", delegate { Native.Load(notALibrary); });
    }

    // ---- Version ------------------------------------------------------------------------------

    private static void TestVersion()
    {
        uint abi = Native.AbiVersion();
        Check(abi == 1, "AbiVersion() == 1", "got " + abi);
        string version = Native.Version();
        string expected = CargoVersion();
        Check(version == expected, "Version() == the workspace's version '" + expected + "'", "got '" + version + "'");
    }

    private static string CargoVersion()
    {
        // Every crate takes its version from the workspace's [workspace.package].
        bool inPackage = false;
        foreach (string raw in File.ReadAllLines(Path.Combine(repo, "Cargo.toml")))
        {
            string line = raw.Trim();
            if (line.StartsWith("["))
            {
                inPackage = line == "[workspace.package]";
                continue;
            }
            if (inPackage && line.StartsWith("version") && line.Contains("\""))
            {
                int a = line.IndexOf('"');
                int b = line.IndexOf('"', a + 1);
                return line.Substring(a + 1, b - a - 1);
            }
        }
        return "(no version in Cargo.toml's [workspace.package])";
    }

    // ---- Convert ------------------------------------------------------------------------------

    private static void TestConvert()
    {
        string fixtures = Path.Combine(repo, "tests", "fixtures", "images");
        string photos = Path.Combine(repo, "rust", "examples", "photos");
        List<string> files = new List<string>();
        foreach (string f in Directory.GetFiles(fixtures))
        {
            files.Add(f);
        }
        foreach (string f in Directory.GetFiles(photos))
        {
            if (!f.EndsWith(".heic"))
            {
                files.Add(f);
            }
        }
        files.Sort(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            byte[] input = File.ReadAllBytes(file);
            string info;
            byte[] output = Native.Convert(input, "{\"sizes\": [48, 96], \"fit\": \"crop\"}", out info);
            CheckConverted(name + " (sizes 48 and 96)", input, output, info, new int[] { 48, 96 });
        }

        // Defaults (preset "ad") and each preset.
        byte[] jpeg = File.ReadAllBytes(Path.Combine(photos, "jsmith.jpg"));
        string defaultInfo;
        byte[] defaults = Native.Convert(jpeg, null, out defaultInfo);
        CheckConverted("jsmith.jpg with default options (null)", jpeg, defaults, defaultInfo, null);
        Dictionary<string, object> parsed = Json.Object(defaultInfo);
        Check(Json.Str(parsed, "source", "format") == "jpeg", "source format is jpeg");
        Check(Json.Num(parsed, "source", "width") == 900 && Json.Num(parsed, "source", "height") == 1200,
            "source is 900x1200", defaultInfo);
        Check(defaults.Length <= 102400, "default (AD) output fits thumbnailPhoto's 102400 bytes", defaults.Length + " bytes");
        foreach (string preset in new string[] { "ad", "hd", "account-pictures" })
        {
            string info;
            byte[] output = Native.Convert(jpeg, "{\"preset\": \"" + preset + "\"}", out info);
            CheckConverted("preset " + preset, jpeg, output, info, null);
        }
        string budgetInfo;
        byte[] budget = Native.Convert(jpeg, "{\"sizes\": [96], \"max_bytes\": 4000, \"quality\": 95}", out budgetInfo);
        CheckConverted("max_bytes 4000", jpeg, budget, budgetInfo, new int[] { 96 });
        Check(budget.Length <= 4000, "max_bytes 4000 is honoured", budget.Length + " bytes");

        byte[] png = File.ReadAllBytes(Path.Combine(photos, "Priya.Patel.png"));
        string padInfo;
        byte[] pad = Native.Convert(png, "{\"sizes\": [64], \"fit\": \"pad\"}", out padInfo);
        CheckConverted("Priya.Patel.png fit pad", png, pad, padInfo, new int[] { 64 });
        Check(Json.Str(Json.Object(padInfo), "source", "format") == "png", "PNG source format is png", padInfo);
    }

    /// <summary>Checks one convert result against its info JSON; sizes: the expected square sizes, or null.</summary>
    private static void CheckConverted(string what, byte[] input, byte[] output, string info, int[] sizes)
    {
        Dictionary<string, object> doc;
        try
        {
            doc = Json.Object(info);
        }
        catch (Exception e)
        {
            Fail(what + ": info is not JSON: " + e.Message + " [" + OneLine(info) + "]");
            return;
        }
        List<object> outputs = Json.Arr(doc, "outputs");
        bool ok = outputs != null && outputs.Count > 0 && output.Length > 0;
        string problem = ok ? null : "no outputs";
        long covered = 0;
        if (ok)
        {
            if (sizes != null && outputs.Count != sizes.Length)
            {
                ok = false;
                problem = outputs.Count + " outputs, expected " + sizes.Length;
            }
            for (int i = 0; ok && i < outputs.Count; i++)
            {
                Dictionary<string, object> o = outputs[i] as Dictionary<string, object>;
                long offset = (long)Json.Num(o, "offset");
                long length = (long)Json.Num(o, "length");
                long width = (long)Json.Num(o, "width");
                long height = (long)Json.Num(o, "height");
                long size = (long)Json.Num(o, "size");
                if (offset != covered || length <= 4 || offset + length > output.Length)
                {
                    ok = false;
                    problem = "output " + i + " at " + offset + "+" + length + " does not follow on";
                    break;
                }
                covered += length;
                int a = (int)offset;
                int z = (int)(offset + length);
                if (output[a] != 0xFF || output[a + 1] != 0xD8 || output[z - 2] != 0xFF || output[z - 1] != 0xD9)
                {
                    ok = false;
                    problem = "output " + i + " is not a JPEG (SOI/EOI)";
                    break;
                }
                int jw, jh;
                if (!JpegSize(output, a, z, out jw, out jh) || jw != width || jh != height)
                {
                    ok = false;
                    problem = "output " + i + ": JPEG frame " + jw + "x" + jh + ", info says " + width + "x" + height;
                    break;
                }
                if (sizes != null && (size != sizes[i] || width > size || height > size || Math.Max(width, height) != size))
                {
                    ok = false;
                    problem = "output " + i + ": size " + size + " (" + width + "x" + height + "), expected " + sizes[i];
                    break;
                }
            }
            if (ok && covered != output.Length)
            {
                ok = false;
                problem = "outputs cover " + covered + " of " + output.Length + " bytes";
            }
        }
        Check(ok, what + ": " + (outputs == null ? 0 : outputs.Count) + " JPEG(s), " + output.Length + " bytes, info matches",
            problem + " " + OneLine(info));
    }

    /// <summary>The frame size from a JPEG's SOFn marker within data[start..end).</summary>
    private static bool JpegSize(byte[] data, int start, int end, out int width, out int height)
    {
        width = height = -1;
        int i = start + 2;
        while (i + 9 < end)
        {
            if (data[i] != 0xFF)
            {
                return false;
            }
            byte marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            int len = (data[i + 2] << 8) | data[i + 3];
            bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof)
            {
                height = (data[i + 5] << 8) | data[i + 6];
                width = (data[i + 7] << 8) | data[i + 8];
                return true;
            }
            i += 2 + len;
        }
        return false;
    }

    private static void TestConvertErrors()
    {
        byte[] garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        string info = "unchanged";
        ExpectStatus("Convert(random bytes)", 20, null, delegate { Native.Convert(garbage, null, out info); });
        Check(info == null, "infoJson is null after a failure");

        byte[] jpeg = File.ReadAllBytes(Path.Combine(repo, "rust", "examples", "photos", "jsmith.jpg"));
        byte[] truncated = new byte[300];
        Array.Copy(jpeg, truncated, truncated.Length);
        ExpectStatus("Convert(truncated JPEG)", 20, "corrupt-image", delegate { Native.Convert(truncated, null, out info); });

        byte[] notJpegBody = new byte[2000];
        notJpegBody[0] = 0xFF;
        notJpegBody[1] = 0xD8;
        notJpegBody[2] = 0xFF;
        for (int i = 3; i < notJpegBody.Length; i++)
        {
            notJpegBody[i] = (byte)(i * 31);
        }

        byte[] heic = File.ReadAllBytes(Path.Combine(repo, "rust", "examples", "photos", "cdiaz.heic"));
        // HEIC is decoded since the photo-quality work; this example is a truncated one (88 bytes).
        ExpectStatus("Convert(truncated HEIC)", 20, "corrupt-image", delegate { Native.Convert(heic, null, out info); });

        ExpectStatus("Convert(empty image)", 20, null, delegate { Native.Convert(new byte[0], null, out info); });
        Throws<ArgumentNullException>("Convert(null image)", delegate { Native.Convert(null, null, out info); });

        ExpectStatus("Convert with options '{'", 12, null, delegate { Native.Convert(jpeg, "{", out info); });
        string raw = Native.LastError();
        Dictionary<string, object> le = null;
        try
        {
            le = Json.Object(raw);
        }
        catch (Exception)
        {
            le = null;
        }
        Check(le != null && Json.Num(le, "status") == 12 && Json.Str(le, "message") != null && Json.Str(le, "kind") != null,
            "LastError() is {status: 12, kind, message}", OneLine(raw));
        ExpectStatus("Convert with an unknown option", 12, null, delegate { Native.Convert(jpeg, "{\"colour\": \"blue\"}", out info); });
        ExpectStatus("Convert with quality 'high'", 12, null, delegate { Native.Convert(jpeg, "{\"quality\": \"high\"}", out info); });
        ExpectStatus("Convert with preset 'huge'", 12, null, delegate { Native.Convert(jpeg, "{\"preset\": \"huge\"}", out info); });
        ExpectStatus("Convert with max_pixels 100", 20, "too-many-pixels",
            delegate { Native.Convert(jpeg, "{\"max_pixels\": 100}", out info); });
        Throws<ArgumentException>("Convert with options holding a lone surrogate (refused before the call)",
            delegate { Native.Convert(jpeg, "{\"preset\": \"\uD800\"}", out info); });

        // Last, as it may leave this thread's decoder unusable.
        ExpectStatus("Convert(JPEG marker then junk)", 20, "corrupt-image", delegate { Native.Convert(notJpegBody, null, out info); });
        // A failed decode must not spoil the next one on the same thread.
        try
        {
            byte[] again = Native.Convert(jpeg, "{\"sizes\": [48]}", out info);
            Check(again.Length > 0, "a good JPEG converts on the same thread after a corrupt one");
        }
        catch (ADPhotoException e)
        {
            Fail("a good JPEG converts on the same thread after a corrupt one [" + e.Kind + ": " + e.Message + "]");
        }

        // The message extractor copes with escapes the library may send.
        Check(Native.JsonStringField("{\"kind\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\",\"x\":[1,{\"message\":\"no\"}],\"message\":\"yes\"}", "kind")
            == "a\"b\\c\n\u00e9\uD83D\uDE00", "JSON string extraction handles escapes and surrogate pairs");
        Check(Native.JsonStringField("{\"x\":[1,{\"message\":\"no\"}],\"message\":\"yes\"}", "message") == "yes",
            "JSON string extraction reads only top-level members");
        Check(Native.JsonStringField("not json", "message") == null, "JSON string extraction returns null on junk");
    }

    // ---- Unicode ------------------------------------------------------------------------------

    private static readonly string[] CsvHeader =
    {
        "DistinguishedName", "SamAccountName", "UserPrincipalName", "GivenName", "Surname", "mail", "EmployeeID", "ObjectGUID"
    };

    private static string CsvLine(params string[] fields)
    {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            sb.Append('"').Append(fields[i].Replace("\"", "\"\"")).Append('"');
        }
        return sb.ToString();
    }

    private static string[] UserRow(string dn, string sam, string given, string sn, int n)
    {
        string guid = "6f1b2c3d-" + n.ToString("0000") + "-4a5b-8c9d-" + n.ToString("000000000000");
        return new string[] { dn, sam, sam + "@example.edu", given, sn, sam + "@mail.example.edu", "E" + (50000 + n), guid };
    }

    private static void TestUnicode()
    {
        string folder = Path.Combine(temp, "Fotos José García Łukasz 李伟 🌞");
        string photos = Path.Combine(folder, "fotos 📷");
        Directory.CreateDirectory(photos);
        byte[] jpeg = File.ReadAllBytes(Path.Combine(repo, "rust", "examples", "photos", "jsmith.jpg"));

        // (file name, account, DN): each file must come back byte for byte, NFD included.
        string mullerNfd = "Ralf.Mu\u0308ller.jpg";
        string[][] expected =
        {
            new string[] { "José.García.jpg", "jgarcia", "CN=José García,OU=Staff,DC=example,DC=edu" },
            new string[] { "Łukasz.Żółć 🌞 party.jpg", "lzolc", "CN=Łukasz Żółć,OU=Staff,DC=example,DC=edu" },
            new string[] { "李伟.jpg", "李伟", "CN=李伟,OU=学生,DC=example,DC=edu" },
            new string[] { mullerNfd, "rmueller", "CN=Ralf Müller,OU=Staff,DC=example,DC=edu" },
        };
        List<string> csv = new List<string>();
        csv.Add(CsvLine(CsvHeader));
        csv.Add(CsvLine(UserRow(expected[0][2], "jgarcia", "José", "García", 1)));
        csv.Add(CsvLine(UserRow(expected[1][2], "lzolc", "Łukasz", "Żółć", 2)));
        csv.Add(CsvLine(UserRow(expected[2][2], "李伟", "伟", "李", 3)));
        csv.Add(CsvLine(UserRow(expected[3][2], "rmueller", "Ralf", "Müller", 4)));
        csv.Add(CsvLine(UserRow("CN=Zoë 🦄 Ünicorn,OU=Staff,DC=example,DC=edu", "zunicorn", "Zoë", "Ünicorn", 5)));
        string csvPath = Path.Combine(folder, "users José 李伟 🌞.csv");
        File.WriteAllLines(csvPath, csv.ToArray(), new UTF8Encoding(false));
        foreach (string[] e in expected)
        {
            File.WriteAllBytes(Path.Combine(photos, e[0]), jpeg);
        }
        string stray = "🎉 nobody.jpg";
        File.WriteAllBytes(Path.Combine(photos, stray), jpeg);

        // Raw UTF-8 in the request, and the same request with every non-ASCII character escaped.
        string request = "{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " + Json.Quote(csvPath, false) +
                         "}, \"photos\": [" + Json.Quote(photos, false) + "]}";
        string escaped = "{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " + Json.Quote(csvPath, true) +
                         "}, \"photos\": [" + Json.Quote(photos, true) + "]}";
        foreach (string variant in new string[] { "raw UTF-8", "\\u-escaped" })
        {
            List<Dictionary<string, object>> events;
            using (Job job = Native.StartJob(variant == "raw UTF-8" ? request : escaped))
            {
                events = Drain(job, 60000);
            }
            Dictionary<string, object> done = events.Count == 0 ? null : events[events.Count - 1];
            Check(done != null && Json.Str(done, "event") == "done" && Json.Str(done, "status") == "ok",
                "match (" + variant + ") over a CSV at a Unicode path ends ok", done == null ? "no events" : Json.Text(done));
            foreach (string[] e in expected)
            {
                Dictionary<string, object> found = null;
                foreach (Dictionary<string, object> ev in events)
                {
                    string file = Json.Str(ev, "file");
                    if (Json.Str(ev, "event") == "match" && file != null && file == Path.Combine(photos, e[0]))
                    {
                        found = ev;
                    }
                }
                Check(found != null && Json.Str(found, "match") == "matched" && Json.Str(found, "user") == e[1] &&
                      Json.Str(found, "dn") == e[2],
                    "match (" + variant + "): '" + e[0] + "' -> " + e[1] + " / " + e[2] + " round-trips exactly",
                    found == null ? "no match event with that exact file path; events: " + Summary(events) : Json.Text(found));
            }
            bool strayUnmatched = false;
            bool unicornNoPhoto = false;
            foreach (Dictionary<string, object> ev in events)
            {
                if (Json.Str(ev, "file") == Path.Combine(photos, stray) && Json.Str(ev, "match") == "unmatched")
                {
                    strayUnmatched = true;
                }
                if (Json.Str(ev, "match") == "no-photo" && Json.Str(ev, "user") == "zunicorn" &&
                    Json.Str(ev, "dn") == "CN=Zoë 🦄 Ünicorn,OU=Staff,DC=example,DC=edu")
                {
                    unicornNoPhoto = true;
                }
            }
            Check(strayUnmatched, "match (" + variant + "): '" + stray + "' is unmatched, its emoji name intact", Summary(events));
            Check(unicornNoPhoto, "match (" + variant + "): the user 'Zoë 🦄 Ünicorn' has no photo, DN intact", Summary(events));
        }

        // The same names through pairs (identity + path), as Import-Csv | Set-ADPhotoBulk sends them.
        StringBuilder pairs = new StringBuilder();
        foreach (string[] e in expected)
        {
            if (pairs.Length > 0)
            {
                pairs.Append(", ");
            }
            pairs.Append("{\"identity\": ").Append(Json.Quote(e[1], false)).Append(", \"path\": ")
                 .Append(Json.Quote(Path.Combine(photos, e[0]), false)).Append("}");
        }
        string pairRequest = "{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " + Json.Quote(csvPath, false) +
                             "}, \"pairs\": [" + pairs + "]}";
        List<Dictionary<string, object>> pairEvents;
        using (Job job = Native.StartJob(pairRequest))
        {
            pairEvents = Drain(job, 60000);
        }
        int pairMatches = 0;
        foreach (string[] e in expected)
        {
            foreach (Dictionary<string, object> ev in pairEvents)
            {
                if (Json.Str(ev, "file") == Path.Combine(photos, e[0]) && Json.Str(ev, "user") == e[1] &&
                    Json.Str(ev, "match") == "matched")
                {
                    pairMatches++;
                    break;
                }
            }
        }
        Check(pairMatches == expected.Length, "match by pairs: " + pairMatches + "/" + expected.Length +
              " Unicode identities and paths round-trip", Summary(pairEvents));
    }

    // ---- Large buffers ------------------------------------------------------------------------

    private static void TestLarge()
    {
        const int width = 2600;
        const int height = 2600;
        byte[] png = BigPng(width, height);
        Check(png.Length > 20000000, "generated a " + png.Length + "-byte PNG (" + width + "x" + height + ", stored deflate)");
        Stopwatch sw = Stopwatch.StartNew();
        string info;
        byte[] output = Native.Convert(png, "{\"sizes\": [96, 648]}", out info);
        sw.Stop();
        CheckConverted("convert the ~20 MB PNG (" + sw.ElapsedMilliseconds + " ms)", png, output, info, new int[] { 96, 648 });
        Dictionary<string, object> doc = Json.Object(info);
        Check(Json.Num(doc, "source", "width") == width && Json.Num(doc, "source", "height") == height,
            "the big PNG's source size is " + width + "x" + height, OneLine(info));
        png = null;

        // A request over 1 MB: 12,000 explicit pairs for users that do not exist.
        StringBuilder sb = new StringBuilder();
        sb.Append("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": ")
          .Append(Json.Quote(Path.Combine(repo, "rust", "examples", "users.csv"), false))
          .Append("}, \"pairs\": [");
        const int count = 12000;
        string padding = new string('x', 40);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            sb.Append("{\"identity\": \"nobody").Append(i).Append("\", \"path\": ")
              .Append(Json.Quote(Path.Combine(temp, "missing-" + padding + "-" + i + ".jpg"), false)).Append('}');
        }
        sb.Append("]}");
        string big = sb.ToString();
        int bytes = Encoding.UTF8.GetByteCount(big);
        Check(bytes > 1024 * 1024, "built a " + bytes + "-byte JSON request");
        sw = Stopwatch.StartNew();
        List<Dictionary<string, object>> events;
        using (Job job = Native.StartJob(big))
        {
            events = Drain(job, 120000);
        }
        sw.Stop();
        int matchEvents = 0;
        foreach (Dictionary<string, object> ev in events)
        {
            if (Json.Str(ev, "event") == "match")
            {
                matchEvents++;
            }
        }
        Dictionary<string, object> done = events.Count == 0 ? null : events[events.Count - 1];
        Check(done != null && Json.Str(done, "event") == "done", "the >1 MB request's job runs to done (" + sw.ElapsedMilliseconds + " ms)",
            done == null ? "no events" : Json.Text(done));
        Check(matchEvents >= count, "the >1 MB request yields a match event per pair (" + matchEvents + ")",
            done == null ? "" : Json.Text(done));
    }

    /// <summary>An RGB PNG with stored (uncompressed) deflate blocks: about width*height*3 bytes.</summary>
    private static byte[] BigPng(int width, int height)
    {
        int stride = width * 3 + 1;
        byte[] raw = new byte[(long)stride * height];
        Random random = new Random(42);
        for (int y = 0; y < height; y++)
        {
            int row = y * stride;
            raw[row] = 0; // filter: none
            for (int x = 0; x < width; x++)
            {
                int p = row + 1 + x * 3;
                raw[p] = (byte)(x * 255 / width);
                raw[p + 1] = (byte)(y * 255 / height);
                raw[p + 2] = (byte)random.Next(256);
            }
        }
        MemoryStream z = new MemoryStream(raw.Length + raw.Length / 65535 * 5 + 64);
        z.WriteByte(0x78);
        z.WriteByte(0x01);
        int offset = 0;
        while (offset < raw.Length)
        {
            int n = Math.Min(65535, raw.Length - offset);
            bool last = offset + n == raw.Length;
            z.WriteByte((byte)(last ? 1 : 0));
            z.WriteByte((byte)(n & 0xFF));
            z.WriteByte((byte)(n >> 8));
            z.WriteByte((byte)(~n & 0xFF));
            z.WriteByte((byte)((~n >> 8) & 0xFF));
            z.Write(raw, offset, n);
            offset += n;
        }
        uint adler = Adler32(raw);
        WriteBE(z, adler);

        MemoryStream png = new MemoryStream((int)z.Length + 100);
        png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, 0, 8);
        MemoryStream ihdr = new MemoryStream();
        WriteBE(ihdr, (uint)width);
        WriteBE(ihdr, (uint)height);
        ihdr.Write(new byte[] { 8, 2, 0, 0, 0 }, 0, 5);
        Chunk(png, "IHDR", ihdr.ToArray());
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", new byte[0]);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        WriteBE(s, (uint)data.Length);
        byte[] t = Encoding.ASCII.GetBytes(type);
        s.Write(t, 0, 4);
        s.Write(data, 0, data.Length);
        uint crc = Crc32(Crc32(0xFFFFFFFFu, t), data) ^ 0xFFFFFFFFu;
        WriteBE(s, crc);
    }

    private static void WriteBE(Stream s, uint v)
    {
        s.WriteByte((byte)(v >> 24));
        s.WriteByte((byte)(v >> 16));
        s.WriteByte((byte)(v >> 8));
        s.WriteByte((byte)v);
    }

    private static uint[] crcTable;

    private static uint Crc32(uint crc, byte[] data)
    {
        if (crcTable == null)
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            crcTable = table;
        }
        foreach (byte b in data)
        {
            crc = crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        int i = 0;
        while (i < data.Length)
        {
            int end = Math.Min(data.Length, i + 5552);
            for (; i < end; i++)
            {
                a += data[i];
                b += a;
            }
            a %= 65521;
            b %= 65521;
        }
        return (b << 16) | a;
    }

    // ---- Jobs ---------------------------------------------------------------------------------

    /// <summary>Pulls events until IsDone; fails the check (and cancels) past the deadline.</summary>
    private static List<Dictionary<string, object>> Drain(Job job, int deadlineMs)
    {
        List<Dictionary<string, object>> events = new List<Dictionary<string, object>>();
        Stopwatch sw = Stopwatch.StartNew();
        bool cancelled = false;
        while (!job.IsDone)
        {
            string ev = job.Next(250);
            if (ev != null)
            {
                events.Add(Json.Object(ev));
            }
            if (!cancelled && sw.ElapsedMilliseconds > deadlineMs)
            {
                Fail("job did not finish within " + deadlineMs + " ms; cancelling");
                job.Cancel();
                cancelled = true;
            }
        }
        return events;
    }

    private static string Summary(List<Dictionary<string, object>> events)
    {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        foreach (Dictionary<string, object> ev in events)
        {
            if (shown++ >= 12)
            {
                sb.Append(" ... (" + events.Count + " events)");
                break;
            }
            sb.Append(Json.Text(ev)).Append(' ');
        }
        return sb.ToString();
    }

    private static string ExamplesSetRequest(string ldif, string mode, string extra)
    {
        return "{\"task\": \"set\", \"users\": {\"type\": \"csv\", \"path\": " +
               Json.Quote(Path.Combine(repo, "rust", "examples", "users.csv"), false) + "}, \"photos\": [" +
               Json.Quote(Path.Combine(repo, "rust", "examples", "photos"), false) + "], \"target\": {\"type\": \"ldif\", \"path\": " +
               Json.Quote(ldif, false) + "}, \"run_folder\": " + Json.Quote(Path.Combine(temp, "run-" + Path.GetFileNameWithoutExtension(ldif)), false) +
               (mode == null ? "" : ", \"mode\": \"" + mode + "\"") + (extra ?? "") + "}";
    }

    private static void TestJobLifecycle()
    {
        string request = "{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " +
                         Json.Quote(Path.Combine(repo, "rust", "examples", "users.csv"), false) + "}, \"photos\": [" +
                         Json.Quote(Path.Combine(repo, "rust", "examples", "photos"), false) + "]}";
        Job job = Native.StartJob(request);
        Check(job != null && !job.IsDone, "StartJob(match over rust/examples) gives a job, not done yet");
        List<Dictionary<string, object>> events = Drain(job, 60000);
        Check(job.IsDone, "IsDone after pulling every event");
        Check(job.Next(0) == null && job.IsDone, "Next after done returns null and stays done");
        int matches = 0;
        bool jose = false;
        foreach (Dictionary<string, object> ev in events)
        {
            if (Json.Str(ev, "event") == "match")
            {
                matches++;
                if (Json.Str(ev, "user") == "jgarcia" && Json.Str(ev, "file") ==
                    Path.Combine(repo, "rust", "examples", "photos", "José.García 648x648.jpg"))
                {
                    jose = true;
                }
            }
        }
        Check(matches == 11, "11 match events (9 files, 2 users without one)", Summary(events));
        Check(jose, "'José.García 648x648.jpg' matched jgarcia", Summary(events));
        Dictionary<string, object> last = events.Count == 0 ? null : events[events.Count - 1];
        Check(last != null && Json.Str(last, "event") == "done" && Json.Str(last, "status") == "ok",
            "the last event is done/ok", last == null ? "none" : Json.Text(last));
        int doneCount = 0;
        foreach (Dictionary<string, object> ev in events)
        {
            if (Json.Str(ev, "event") == "done")
            {
                doneCount++;
            }
        }
        Check(doneCount == 1, "exactly one done event");
        job.Cancel();
        Check(true, "Cancel after done does not throw");
        job.Dispose();
        job.Dispose();
        Check(true, "Dispose twice");
        job.Cancel();
        Check(true, "Cancel after Dispose is a no-op");
        Throws<ObjectDisposedException>("Next after Dispose", delegate { job.Next(0); });
        Throws<ObjectDisposedException>("Apply after Dispose", delegate { job.Apply(null); });
        Throws<ArgumentOutOfRangeException>("Next(-1)", delegate
        {
            using (Job j = Native.StartJob(request))
            {
                j.Next(-1);
            }
        });

        // Freed without pulling: the job's thread is joined, nothing leaks or hangs.
        Stopwatch sw = Stopwatch.StartNew();
        Job unpulled = Native.StartJob(request);
        unpulled.Dispose();
        Check(sw.ElapsedMilliseconds < 30000, "Dispose of a job nobody pulled from returns (" + sw.ElapsedMilliseconds + " ms)");

        // Next(0) polls without blocking.
        using (Job polled = Native.StartJob(request))
        {
            int polls = 0;
            int got = 0;
            while (!polled.IsDone && polls < 1000000)
            {
                polls++;
                if (polled.Next(0) != null)
                {
                    got++;
                }
                else if (!polled.IsDone)
                {
                    Thread.Sleep(1);
                }
            }
            Check(polled.IsDone && got == 12, "polling with Next(0) gets all 12 events (" + polls + " polls)", "got " + got);
        }
    }

    private static void TestSetLdif()
    {
        string ldif = Path.Combine(temp, "set.ldif");
        List<Dictionary<string, object>> events;
        using (Job job = Native.StartJob(ExamplesSetRequest(ldif, null, ", \"no_cache\": true")))
        {
            events = Drain(job, 120000);
        }
        Dictionary<string, object> last = events.Count == 0 ? null : events[events.Count - 1];
        Check(last != null && Json.Str(last, "event") == "done" && Json.Str(last, "status") == "ok",
            "set to LDIF ends done/ok", last == null ? "none" : Json.Text(last));
        int written = 0;
        bool planned = false;
        bool heicInvalid = false;
        foreach (Dictionary<string, object> ev in events)
        {
            string kind = Json.Str(ev, "event");
            if (kind == "planned")
            {
                planned = true;
            }
            if (kind == "item" && Json.Str(ev, "phase") == "apply" && Json.Str(ev, "status") == "written")
            {
                written++;
            }
            if (kind == "item" && Json.Str(ev, "action") == "invalid-image" && (Json.Str(ev, "file") ?? "").EndsWith("cdiaz.heic"))
            {
                heicInvalid = true;
            }
        }
        Check(planned, "a planned event comes before the writes", Summary(events));
        Check(written == 7, "7 users written (jsmith, awallace, jgarcia, bnguyen, lwei, m.okafor, ppatel)", "written " + written + ": " + Summary(events));
        Check(heicInvalid, "cdiaz.heic is reported as invalid-image", Summary(events));
        bool exists = File.Exists(ldif);
        Check(exists, "the LDIF exists: " + ldif);
        if (exists)
        {
            string text = File.ReadAllText(ldif, Encoding.UTF8);
            int entries = Count(text, "\ndn:") + (text.StartsWith("dn:") ? 1 : 0);
            Check(entries == 7, "the LDIF has 7 entries", entries + " entries");
            Check(text.Contains("thumbnailPhoto:: /9j/"), "the LDIF holds base64 JPEGs in thumbnailPhoto");
        }
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        int i = 0;
        while ((i = text.IndexOf(what, i, StringComparison.Ordinal)) >= 0)
        {
            n++;
            i += what.Length;
        }
        return n;
    }

    private static void TestConfirm()
    {
        string ldif = Path.Combine(temp, "confirm.ldif");
        using (Job job = Native.StartJob(ExamplesSetRequest(ldif, "confirm", ", \"no_cache\": true")))
        {
            List<Dictionary<string, object>> plan = new List<Dictionary<string, object>>();
            Stopwatch sw = Stopwatch.StartNew();
            bool planned = false;
            while (!planned && !job.IsDone && sw.ElapsedMilliseconds < 120000)
            {
                string ev = job.Next(250);
                if (ev != null)
                {
                    Dictionary<string, object> e = Json.Object(ev);
                    plan.Add(e);
                    planned = Json.Str(e, "event") == "planned";
                }
            }
            Check(planned, "confirm: the plan arrives, ending with planned", Summary(plan));
            List<long> writes = new List<long>();
            foreach (Dictionary<string, object> e in plan)
            {
                if (Json.Str(e, "event") == "item" && Json.Str(e, "action") == "write" && e.ContainsKey("id"))
                {
                    writes.Add((long)Json.Num(e, "id"));
                }
            }
            Check(writes.Count == 7, "confirm: 7 planned writes with ids", Summary(plan));
            Check(job.Next(500) == null && !job.IsDone, "confirm: the job waits (Next gives nothing) until Apply");
            Check(!File.Exists(ldif) || new FileInfo(ldif).Length == 0, "confirm: nothing is written before Apply");

            ExpectStatus("confirm: Apply('{')", 12, null, delegate { job.Apply("{"); });
            ExpectStatus("confirm: Apply with an unknown field", 12, null, delegate { job.Apply("{\"itemz\": [1]}"); });

            if (writes.Count < 2)
            {
                return;
            }
            job.Apply("{\"items\": [" + writes[0] + ", " + writes[1] + "]}");
            Check(true, "confirm: Apply two of the planned items");
            ExpectStatus("confirm: a second Apply", 14, null, delegate { job.Apply(null); });
            List<Dictionary<string, object>> rest = Drain(job, 120000);
            int written = 0;
            foreach (Dictionary<string, object> e in rest)
            {
                if (Json.Str(e, "event") == "item" && Json.Str(e, "status") == "written")
                {
                    written++;
                    long id = (long)Json.Num(e, "id");
                    Check(id == writes[0] || id == writes[1], "confirm: written item " + id + " was selected");
                }
            }
            Check(written == 2, "confirm: exactly the 2 selected items are written", Summary(rest));
            Dictionary<string, object> last = rest.Count == 0 ? null : rest[rest.Count - 1];
            Check(last != null && Json.Str(last, "event") == "done" && Json.Str(last, "status") == "ok",
                "confirm: done/ok", last == null ? "none" : Json.Text(last));
            if (File.Exists(ldif))
            {
                string text = File.ReadAllText(ldif, Encoding.UTF8);
                int entries = Count(text, "\ndn:") + (text.StartsWith("dn:") ? 1 : 0);
                Check(entries == 2, "confirm: the LDIF has the 2 selected entries", entries + " entries");
            }
            else
            {
                Fail("confirm: the LDIF was not written");
            }
            ExpectStatus("confirm: Apply after done", 14, null, delegate { job.Apply(null); });
        }

    }

    private static void TestConfirmAll()
    {
        // Apply(null) approves every change; applied as soon as planned is read, as a
        // script with -Confirm:$false would.
        string all = Path.Combine(temp, "confirm-all.ldif");
        using (Job job = Native.StartJob(ExamplesSetRequest(all, "confirm", ", \"no_cache\": true")))
        {
            WaitFor(job, "planned", 120000);
            job.Apply(null);
            List<Dictionary<string, object>> rest = Drain(job, 120000);
            int written = 0;
            foreach (Dictionary<string, object> e in rest)
            {
                if (Json.Str(e, "event") == "item" && Json.Str(e, "status") == "written")
                {
                    written++;
                }
            }
            Check(written == 7, "confirm: Apply(null) writes every change", Summary(rest));
        }

    }

    private static void TestConfirmRace()
    {
        // Apply follows the planned event at once, as a script with -Confirm:$false does.
        // (The conversion cache makes the repeated plans quick.)
        int refused = 0;
        string firstRefusal = null;
        int written = 0;
        const int runs = 20;
        for (int i = 0; i < runs; i++)
        {
            using (Job job = Native.StartJob(ExamplesSetRequest(Path.Combine(temp, "race" + i + ".ldif"), "confirm", null)))
            {
                WaitFor(job, "planned", 60000);
                try
                {
                    job.Apply(null);
                }
                catch (ADPhotoException e)
                {
                    refused++;
                    if (firstRefusal == null)
                    {
                        firstRefusal = e.Status + " " + e.Kind + ": " + e.Message;
                    }
                    continue;
                }
                foreach (Dictionary<string, object> e in Drain(job, 60000))
                {
                    if (Json.Str(e, "status") == "written")
                    {
                        written++;
                    }
                }
            }
        }
        Check(refused == 0, "Apply right after reading planned is accepted (" + (runs - refused) + "/" + runs + " runs)", firstRefusal);
        Check(written == 7 * (runs - refused), "each accepted Apply writes the 7 photos (" + written + " in all)");
    }

    private static void TestConfirmFreed()
    {
        // Freed while waiting for Apply: nothing is written.
        string none = Path.Combine(temp, "confirm-none.ldif");
        using (Job job = Native.StartJob(ExamplesSetRequest(none, "confirm", ", \"no_cache\": true")))
        {
            WaitFor(job, "planned", 120000);
        }
        Check(!File.Exists(none) || new FileInfo(none).Length == 0, "confirm: Dispose instead of Apply writes nothing");

    }

    private static void TestPlanOnly()
    {
        // mode plan: stops after planned; Apply is not expected.
        string planOnly = Path.Combine(temp, "plan.ldif");
        using (Job job = Native.StartJob(ExamplesSetRequest(planOnly, "plan", ", \"no_cache\": true")))
        {
            List<Dictionary<string, object>> events = Drain(job, 120000);
            Dictionary<string, object> last = events.Count == 0 ? null : events[events.Count - 1];
            Check(last != null && Json.Str(last, "event") == "done" && Json.Str(last, "status") == "ok",
                "plan: ends done/ok after planned", Summary(events));
            Check(!File.Exists(planOnly) || new FileInfo(planOnly).Length == 0, "plan: nothing is written");
            ExpectStatus("plan: Apply on a plan-only job", 14, null, delegate { job.Apply(null); });
        }
    }

    private static void WaitFor(Job job, string eventName, int deadlineMs)
    {
        Stopwatch sw = Stopwatch.StartNew();
        while (!job.IsDone && sw.ElapsedMilliseconds < deadlineMs)
        {
            string ev = job.Next(250);
            if (ev != null && Json.Str(Json.Object(ev), "event") == eventName)
            {
                return;
            }
        }
        Fail("no '" + eventName + "' event within " + deadlineMs + " ms");
    }

    private static void TestCancel()
    {
        // 300 users, each with a 900x1200 photo: long enough to cancel in the middle.
        string folder = Path.Combine(temp, "many");
        string photos = Path.Combine(folder, "photos");
        Directory.CreateDirectory(photos);
        byte[] jpeg = File.ReadAllBytes(Path.Combine(repo, "rust", "examples", "photos", "Anne.Wallace.jpg"));
        List<string> csv = new List<string>();
        csv.Add(CsvLine(CsvHeader));
        const int users = 300;
        for (int i = 0; i < users; i++)
        {
            string sam = "user" + i.ToString("000");
            csv.Add(CsvLine(UserRow("CN=User " + i + ",OU=Many,DC=example,DC=edu", sam, "User", "N" + i, 100 + i)));
            File.WriteAllBytes(Path.Combine(photos, sam + ".jpg"), jpeg);
        }
        string csvPath = Path.Combine(folder, "users.csv");
        File.WriteAllLines(csvPath, csv.ToArray(), new UTF8Encoding(false));
        string ldif = Path.Combine(folder, "many.ldif");
        string request = "{\"task\": \"set\", \"users\": {\"type\": \"csv\", \"path\": " + Json.Quote(csvPath, false) +
                         "}, \"photos\": [" + Json.Quote(photos, false) + "], \"target\": {\"type\": \"ldif\", \"path\": " +
                         Json.Quote(ldif, false) + "}, \"no_cache\": true, \"workers\": 2, \"run_folder\": " +
                         Json.Quote(Path.Combine(folder, "run"), false) + "}";

        Stopwatch sw = Stopwatch.StartNew();
        List<Dictionary<string, object>> events = new List<Dictionary<string, object>>();
        using (Job job = Native.StartJob(request))
        {
            // Cancel as soon as the first conversion is reported.
            while (events.Count == 0 && !job.IsDone && sw.ElapsedMilliseconds < 120000)
            {
                string ev = job.Next(250);
                if (ev != null)
                {
                    events.Add(Json.Object(ev));
                }
            }
            long cancelAt = sw.ElapsedMilliseconds;
            job.Cancel();
            job.Cancel();
            Check(true, "Cancel (twice) after the first event (" + (events.Count == 0 ? "none" : Json.Text(events[0])) +
                  ") at " + cancelAt + " ms");
            events.AddRange(Drain(job, 120000));
            long doneAt = sw.ElapsedMilliseconds;
            Dictionary<string, object> last = events.Count == 0 ? null : events[events.Count - 1];
            Check(last != null && Json.Str(last, "event") == "done" && Json.Str(last, "status") == "cancelled",
                "the cancelled job ends done/cancelled (" + (doneAt - cancelAt) + " ms after Cancel)",
                last == null ? "none" : Json.Text(last));
            int progress = 0;
            int written = 0;
            foreach (Dictionary<string, object> e in events)
            {
                if (Json.Str(e, "event") == "progress")
                {
                    progress++;
                }
                if (Json.Str(e, "status") == "written")
                {
                    written++;
                }
            }
            Check(progress < users, "the cancelled job stopped converting early (" + progress + " of " + users + " conversions reported)");
            Check(written == 0, "the cancelled job wrote nothing", written + " written");
            Check(!File.Exists(ldif) || Count(File.ReadAllText(ldif), "dn:") == 0, "no LDIF entries after the cancel");
        }

        // Cancel from another thread while this one waits in Next: the wait ends early.
        sw = Stopwatch.StartNew();
        using (Job job = Native.StartJob(request.Replace("many.ldif", "many3.ldif").Replace("\"run\"", "\"run3\"")))
        {
            string firstEvent = job.Next(30000);
            long cancelTook = -1;
            Thread canceller = new Thread(delegate()
            {
                Thread.Sleep(200);
                Stopwatch c = Stopwatch.StartNew();
                job.Cancel();
                cancelTook = c.ElapsedMilliseconds;
            });
            canceller.Start();
            List<Dictionary<string, object>> rest = Drain(job, 120000);
            canceller.Join();
            Dictionary<string, object> last = rest.Count == 0 ? null : rest[rest.Count - 1];
            Check(firstEvent != null && cancelTook >= 0 && cancelTook < 1000,
                "Cancel from another thread returns at once while Next waits (" + cancelTook + " ms)");
            Check(last != null && Json.Str(last, "status") == "cancelled", "... and the job ends cancelled",
                last == null ? "none" : Json.Text(last));
        }

        // Dispose in the middle of the run: joins the job's thread.
        sw = Stopwatch.StartNew();
        Job running = Native.StartJob(request.Replace("many.ldif", "many2.ldif").Replace("\"run\"", "\"run2\""));
        string first = running.Next(30000);
        running.Dispose();
        Check(first != null && sw.ElapsedMilliseconds < 60000,
            "Dispose of a running set job returns (" + sw.ElapsedMilliseconds + " ms)");
    }

    private static void TestJobErrors()
    {
        ExpectStatus("StartJob('{')", 12, null, delegate { Native.StartJob("{"); });
        ExpectStatus("StartJob('')", 12, null, delegate { Native.StartJob(""); });
        ExpectStatus("StartJob('null')", 12, null, delegate { Native.StartJob("null"); });
        ExpectStatus("StartJob(unknown task)", 12, null, delegate { Native.StartJob("{\"task\": \"teleport\"}"); });
        ExpectStatus("StartJob(no task)", 12, null, delegate { Native.StartJob("{\"users\": {\"type\": \"csv\", \"path\": \"x.csv\"}}"); });
        ExpectStatus("StartJob(unknown field)", 12, null,
            delegate { Native.StartJob("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": \"x.csv\"}, \"fotos\": []}"); });
        ExpectStatus("StartJob(unknown users type)", 12, null,
            delegate { Native.StartJob("{\"task\": \"match\", \"users\": {\"type\": \"carrier-pigeon\"}}"); });
        ExpectStatus("StartJob(set with mode 'maybe')", 12, null,
            delegate { Native.StartJob(ExamplesSetRequest(Path.Combine(temp, "x.ldif"), "maybe", null)); });
        Throws<ArgumentNullException>("StartJob(null)", delegate { Native.StartJob(null); });
        Throws<ArgumentException>("StartJob with a lone surrogate (refused before the call)",
            delegate { Native.StartJob("{\"task\": \"match\", \"password\": \"\uDC00\"}"); });

        // A job-level failure arrives in done, not as an exception.
        string missingCsv = Path.Combine(temp, "no-such-users.csv");
        using (Job job = Native.StartJob("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " +
                                         Json.Quote(missingCsv, false) + "}, \"photos\": []}"))
        {
            List<Dictionary<string, object>> events = Drain(job, 60000);
            Dictionary<string, object> last = events.Count == 0 ? null : events[events.Count - 1];
            Check(last != null && Json.Str(last, "event") == "done" && Json.Str(last, "status") == "failed" &&
                  Json.Str(last, "error", "kind") != null && Json.Str(last, "error", "message") != null,
                "match with a missing users CSV ends done/failed with error {kind, message}",
                last == null ? "none" : Json.Text(last));
        }

        // Apply on a job that is not waiting for it.
        using (Job job = Native.StartJob("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " +
                                         Json.Quote(Path.Combine(repo, "rust", "examples", "users.csv"), false) + "}, \"photos\": []}"))
        {
            ExpectStatus("Apply on a match job", 14, null, delegate { job.Apply(null); });
            Drain(job, 60000);
        }
    }

    // ---- Threads ------------------------------------------------------------------------------

    private static void TestThreads()
    {
        // The last error belongs to the calling thread: two threads fail differently at once.
        byte[] garbage = new byte[64];
        string[] results = new string[2];
        ManualResetEvent go = new ManualResetEvent(false);
        Thread a = new Thread(delegate()
        {
            go.WaitOne();
            for (int i = 0; i < 200; i++)
            {
                try
                {
                    Native.StartJob("{");
                }
                catch (ADPhotoException e)
                {
                    if (e.Status != 12)
                    {
                        results[0] = "status " + e.Status;
                        return;
                    }
                }
            }
            results[0] = "ok";
        });
        Thread b = new Thread(delegate()
        {
            go.WaitOne();
            string info;
            for (int i = 0; i < 200; i++)
            {
                try
                {
                    Native.Convert(garbage, null, out info);
                }
                catch (ADPhotoException e)
                {
                    if (e.Status != 20)
                    {
                        results[1] = "status " + e.Status;
                        return;
                    }
                }
            }
            results[1] = "ok";
        });
        a.Start();
        b.Start();
        go.Set();
        a.Join();
        b.Join();
        Check(results[0] == "ok" && results[1] == "ok", "errors on two threads at once each see their own status",
            results[0] + " / " + results[1]);

        // A job started on one thread is pulled on another.
        List<Dictionary<string, object>> events = null;
        Job job = Native.StartJob("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " +
                                  Json.Quote(Path.Combine(repo, "rust", "examples", "users.csv"), false) + "}, \"photos\": [" +
                                  Json.Quote(Path.Combine(repo, "rust", "examples", "photos"), false) + "]}");
        Thread puller = new Thread(delegate() { events = Drain(job, 60000); });
        puller.Start();
        puller.Join();
        job.Dispose();
        Check(events != null && events.Count == 12, "a job is pulled from another thread (12 events)");
    }

    // ---- Memory over 10,000 calls -------------------------------------------------------------

    private static void TestLoop()
    {
        byte[] small = File.ReadAllBytes(Path.Combine(repo, "tests", "fixtures", "images", "card-422.jpg"));
        byte[] garbage = new byte[512];
        new Random(3).NextBytes(garbage);
        // Outputs of ~20 KB per call, so that a leaked buffer would show in the RSS.
        const string options = "{\"sizes\": [48, 400]}";
        long rss1000 = 0;
        int errors = 0;
        Stopwatch sw = Stopwatch.StartNew();
        for (int i = 1; i <= 10000; i++)
        {
            string info;
            try
            {
                byte[] jpeg = Native.Convert(small, options, out info);
                if (i == 1)
                {
                    Console.WriteLine("    each convert returns " + jpeg.Length + " bytes of JPEG and " + info.Length + " characters of info");
                }
                if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8 || info.IndexOf("\"outputs\"", StringComparison.Ordinal) < 0)
                {
                    errors++;
                }
            }
            catch (ADPhotoException e)
            {
                if (errors++ < 5)
                {
                    Console.WriteLine("    iteration " + i + ": converting card-422.jpg failed: " + e.Kind + ": " + e.Message);
                }
            }
            if (Native.Version() == null)
            {
                errors++;
            }
            try
            {
                if ((i & 1) == 0)
                {
                    Native.Convert(garbage, null, out info);
                }
                else
                {
                    Native.StartJob("{\"task\": \"nothing\"}");
                }
                errors++;
            }
            catch (ADPhotoException e)
            {
                if (e.Status != ((i & 1) == 0 ? 20 : 12) || e.Message.Length == 0)
                {
                    errors++;
                }
            }
            if (i % 100 == 0)
            {
                // A job per hundred calls: start, pull to done, free.
                using (Job job = Native.StartJob("{\"task\": \"match\", \"users\": {\"type\": \"csv\", \"path\": " +
                                                 Json.Quote(Path.Combine(repo, "rust", "examples", "users.csv"), false) +
                                                 "}, \"photos\": []}"))
                {
                    while (!job.IsDone)
                    {
                        job.Next(1000);
                    }
                }
            }
            if (i == 1000)
            {
                rss1000 = Rss();
                Console.WriteLine("    RSS after 1,000 iterations: " + Mb(rss1000) + " (" + sw.ElapsedMilliseconds + " ms)");
            }
        }
        long rss10000 = Rss();
        Console.WriteLine("    RSS after 10,000 iterations: " + Mb(rss10000) + " (" + sw.ElapsedMilliseconds + " ms)");
        Check(errors == 0, "10,000 iterations of convert + version + a failing call + a job per 100 give the right results",
            errors + " wrong");
        long growth = rss10000 - rss1000;
        Check(growth < 20L * 1024 * 1024, "RSS grew " + Mb(growth) + " from 1,000 to 10,000 iterations (limit 20 MB)");
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            string[] statm = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1], CultureInfo.InvariantCulture) * 4096;
        }
        catch (Exception)
        {
            Process p = Process.GetCurrentProcess();
            p.Refresh();
            return p.WorkingSet64;
        }
    }

    private static string Mb(long bytes)
    {
        return (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
    }
}

/// <summary>A small JSON reader for the harness's checks (objects, arrays, strings, numbers, literals).</summary>
internal static class Json
{
    public static Dictionary<string, object> Object(string text)
    {
        int i = 0;
        object v = Value(text, ref i);
        Space(text, ref i);
        if (i != text.Length)
        {
            throw new FormatException("trailing text at " + i);
        }
        Dictionary<string, object> o = v as Dictionary<string, object>;
        if (o == null)
        {
            throw new FormatException("not a JSON object");
        }
        return o;
    }

    /// <summary>The value at a path of member names, or null.</summary>
    public static object Get(Dictionary<string, object> o, params string[] path)
    {
        object cur = o;
        foreach (string key in path)
        {
            Dictionary<string, object> d = cur as Dictionary<string, object>;
            if (d == null || !d.TryGetValue(key, out cur))
            {
                return null;
            }
        }
        return cur;
    }

    public static string Str(Dictionary<string, object> o, params string[] path)
    {
        return Get(o, path) as string;
    }

    public static double Num(Dictionary<string, object> o, params string[] path)
    {
        object v = Get(o, path);
        return v is double ? (double)v : double.NaN;
    }

    public static List<object> Arr(Dictionary<string, object> o, params string[] path)
    {
        return Get(o, path) as List<object>;
    }

    public static string Quote(string s, bool asciiOnly)
    {
        StringBuilder sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20 || (asciiOnly && c > 0x7E))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4"));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.Append('"').ToString();
    }

    public static string Text(object v)
    {
        if (v == null)
        {
            return "null";
        }
        if (v is string)
        {
            return Quote((string)v, false);
        }
        if (v is bool)
        {
            return (bool)v ? "true" : "false";
        }
        if (v is double)
        {
            return ((double)v).ToString("R", CultureInfo.InvariantCulture);
        }
        StringBuilder sb = new StringBuilder();
        Dictionary<string, object> o = v as Dictionary<string, object>;
        if (o != null)
        {
            sb.Append('{');
            bool first = true;
            foreach (KeyValuePair<string, object> kv in o)
            {
                if (!first)
                {
                    sb.Append(',');
                }
                first = false;
                sb.Append(Quote(kv.Key, false)).Append(':').Append(Text(kv.Value));
            }
            return sb.Append('}').ToString();
        }
        List<object> a = (List<object>)v;
        sb.Append('[');
        for (int k = 0; k < a.Count; k++)
        {
            if (k > 0)
            {
                sb.Append(',');
            }
            sb.Append(Text(a[k]));
        }
        return sb.Append(']').ToString();
    }

    private static void Space(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        {
            i++;
        }
    }

    private static object Value(string s, ref int i)
    {
        Space(s, ref i);
        if (i >= s.Length)
        {
            throw new FormatException("unexpected end");
        }
        char c = s[i];
        if (c == '{')
        {
            Dictionary<string, object> o = new Dictionary<string, object>();
            i++;
            Space(s, ref i);
            if (i < s.Length && s[i] == '}')
            {
                i++;
                return o;
            }
            while (true)
            {
                Space(s, ref i);
                string key = String(s, ref i);
                Space(s, ref i);
                Expect(s, ref i, ':');
                o[key] = Value(s, ref i);
                Space(s, ref i);
                if (i < s.Length && s[i] == ',')
                {
                    i++;
                    continue;
                }
                Expect(s, ref i, '}');
                return o;
            }
        }
        if (c == '[')
        {
            List<object> a = new List<object>();
            i++;
            Space(s, ref i);
            if (i < s.Length && s[i] == ']')
            {
                i++;
                return a;
            }
            while (true)
            {
                a.Add(Value(s, ref i));
                Space(s, ref i);
                if (i < s.Length && s[i] == ',')
                {
                    i++;
                    continue;
                }
                Expect(s, ref i, ']');
                return a;
            }
        }
        if (c == '"')
        {
            return String(s, ref i);
        }
        if (Literal(s, ref i, "true"))
        {
            return true;
        }
        if (Literal(s, ref i, "false"))
        {
            return false;
        }
        if (Literal(s, ref i, "null"))
        {
            return null;
        }
        int start = i;
        while (i < s.Length && "+-0123456789.eE".IndexOf(s[i]) >= 0)
        {
            i++;
        }
        if (start == i)
        {
            throw new FormatException("unexpected '" + c + "' at " + i);
        }
        return double.Parse(s.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static bool Literal(string s, ref int i, string word)
    {
        if (string.CompareOrdinal(s, i, word, 0, word.Length) == 0)
        {
            i += word.Length;
            return true;
        }
        return false;
    }

    private static void Expect(string s, ref int i, char c)
    {
        if (i >= s.Length || s[i] != c)
        {
            throw new FormatException("expected '" + c + "' at " + i);
        }
        i++;
    }

    private static string String(string s, ref int i)
    {
        Expect(s, ref i, '"');
        StringBuilder sb = new StringBuilder();
        while (i < s.Length)
        {
            char c = s[i++];
            if (c == '"')
            {
                return sb.ToString();
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            char e = s[i++];
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
                    sb.Append((char)int.Parse(s.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default:
                    throw new FormatException("bad escape \\" + e);
            }
        }
        throw new FormatException("unterminated string");
    }
}
