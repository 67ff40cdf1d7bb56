/*
 * TEST ONLY, never shipped: Wine 8 (Debian 12) has no bcryptprimitives.dll, whose ProcessPrng
 * Rust's standard library imports on Windows (every Windows 10 and later has it). Built by
 * tests/windows/wine.sh into its scratch folder, next to the copies of adphoto.exe and
 * abi_test.exe that run under Wine, so Wine's loader finds it there. It fills the buffer
 * from RtlGenRandom (advapi32's SystemFunction036), which Wine implements.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
