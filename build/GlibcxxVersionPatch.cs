// Compiled by RoslynCodeTaskFactory from build/GlibcxxVersionPatch.targets; see README "Platform notes".
#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Rewrites the one <c>GLIBCXX_3.4.32</c> version requirement of a copied <c>libLibTorchSharp.so</c> to
/// <c>GLIBCXX_3.4.30</c>. The only symbol bound to 3.4.32 is GCC 13's unused <c>ios_base_library_init</c> marker,
/// so the library loads and works on Debian 12, whose libstdc++ stops at 3.4.30. The patch edits one Vernaux entry
/// (hash and name offset) in <c>.gnu.version_r</c>; it is idempotent and touches only the file it is given.
/// </summary>
public sealed class GlibcxxVersionPatch : Microsoft.Build.Utilities.Task
{
    private const string Wanted = "GLIBCXX_3.4.32";
    private const string Replacement = "GLIBCXX_3.4.30";
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>The shared library to patch in place (a copy in a build output).</summary>
    [Required]
    public string Library { get; set; } = "";

    /// <summary>The system libstdc++ whose version definitions decide whether a patch is needed.</summary>
    [Required]
    public string SystemLibStdCxx { get; set; } = "";

    public override bool Execute()
    {
        if (!File.Exists(Library) || !File.Exists(SystemLibStdCxx))
        {
            return true;
        }
        if (Contains(File.ReadAllBytes(SystemLibStdCxx), Encoding.ASCII.GetBytes(Wanted + "\0")))
        {
            return true; // a new enough libstdc++: nothing to do.
        }
        byte[] elf = File.ReadAllBytes(Library);
        string? error = Patch(elf, out bool changed);
        if (error != null)
        {
            Log.LogWarning("GlibcxxVersionPatch: {0}: {1}", Library, error);
            return true;
        }
        if (changed)
        {
            string temp = Library + ".patching";
            File.WriteAllBytes(temp, elf);
            File.Copy(temp, Library, overwrite: true);
            File.Delete(temp);
            Log.LogMessage(MessageImportance.Normal, "GlibcxxVersionPatch: {0} now requires {1} instead of {2}", Library, Replacement, Wanted);
        }
        return true;
    }

    /// <summary>Edits <paramref name="elf"/> in memory; returns an error text, or null.</summary>
    private static string? Patch(byte[] elf, out bool changed)
    {
        changed = false;
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            return "not an ELF file";
        }
        if (elf[4] != 2 || elf[5] != 1)
        {
            return "only little-endian ELF64 is handled";
        }
        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed)
            {
                continue;
            }
            long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28); // the string table section
            long strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);
            return PatchVerneed(elf, offset, strtab, ref changed);
        }
        return "no .gnu.version_r section";
    }

    private static string? PatchVerneed(byte[] elf, long verneed, long strtab, ref bool changed)
    {
        long need = verneed;
        while (true)
        {
            int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
            long wantedAux = -1;
            uint replacementName = 0;
            for (int a = 0; a < auxCount; a++)
            {
                uint name = BitConverter.ToUInt32(elf, (int)aux + 8);
                string text = ReadString(elf, strtab + name);
                if (text == Wanted) wantedAux = aux;
                if (text == Replacement) replacementName = name;
                uint next = BitConverter.ToUInt32(elf, (int)aux + 12);
                if (next == 0) break;
                aux += next;
            }
            if (wantedAux >= 0)
            {
                if (replacementName == 0)
                {
                    return "the library does not name " + Replacement + " to reuse";
                }
                WriteUInt32(elf, wantedAux, ElfHash(Replacement));
                WriteUInt32(elf, wantedAux + 8, replacementName);
                changed = true;
            }
            uint nextNeed = BitConverter.ToUInt32(elf, (int)need + 12);
            if (nextNeed == 0) return null;
            need += nextNeed;
        }
    }

    private static string ReadString(byte[] data, long start)
    {
        long end = start;
        while (end < data.Length && data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, (int)start, (int)(end - start));
    }

    private static void WriteUInt32(byte[] data, long at, uint value)
    {
        byte[] bytes = BitConverter.GetBytes(value);
        Buffer.BlockCopy(bytes, 0, data, (int)at, 4);
    }

    /// <summary>The System V ABI's ELF hash, which Vernaux.vna_hash holds.</summary>
    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }
}
