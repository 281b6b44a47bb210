using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerCenter.Relationships.Core.PartnerCenter.Authentication
{
    /// <summary>SecureString handling: the clear text exists only in short-lived arrays that are zeroed after use.</summary>
    internal static class SecureStrings
    {
        /// <summary>A read-only copy the caller cannot dispose under us.</summary>
        public static SecureString? ReadOnlyCopy(SecureString? value)
        {
            if (value == null)
            {
                return null;
            }

            var copy = value.Copy();
            copy.MakeReadOnly();
            return copy;
        }

        /// <summary>A read-only SecureString holding <paramref name="value"/>.</summary>
        public static SecureString FromString(string value)
        {
            var result = new SecureString();
            foreach (var c in value)
            {
                result.AppendChar(c);
            }

            result.MakeReadOnly();
            return result;
        }

        /// <summary>The characters, in an array the caller must clear (Array.Clear) when done.</summary>
        public static char[] ToChars(SecureString value)
        {
            var chars = new char[value.Length];
            if (chars.Length == 0)
            {
                return chars;
            }

            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                Marshal.Copy(pointer, chars, 0, chars.Length);
                return chars;
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }
    }

    /// <summary>
    /// An application/x-www-form-urlencoded body built straight from char arrays, so a SecureString's text is never
    /// a managed string. The returned bytes hold the secret: the caller clears them once the request is sent.
    /// </summary>
    internal sealed class FormBody
    {
        private readonly List<(string Name, SecureString? Secret, string? Value)> _fields = new List<(string, SecureString?, string?)>();

        public FormBody Add(string name, string value)
        {
            _fields.Add((name, null, value));
            return this;
        }

        public FormBody AddSecret(string name, SecureString secret)
        {
            _fields.Add((name, secret, null));
            return this;
        }

        /// <summary>The form as UTF-8 bytes; every intermediate copy of a secret is cleared before returning.</summary>
        public byte[] ToBytes()
        {
            var encoded = new List<byte[]>();
            try
            {
                foreach (var (name, secret, value) in _fields)
                {
                    encoded.Add(Encode(name.ToCharArray()));
                    encoded.Add(EncodeValue(secret, value));
                }

                return Join(encoded);
            }
            finally
            {
                foreach (var part in encoded)
                {
                    Array.Clear(part, 0, part.Length);
                }
            }
        }

        private static byte[] EncodeValue(SecureString? secret, string? value)
        {
            var chars = secret != null ? SecureStrings.ToChars(secret) : value!.ToCharArray();
            try
            {
                return Encode(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
            }
        }

        /// <summary>name=value pairs (names and values alternating in <paramref name="encoded"/>) joined with '&amp;'.</summary>
        private static byte[] Join(List<byte[]> encoded)
        {
            var length = 0;
            for (var i = 0; i < encoded.Count; i += 2)
            {
                length += encoded[i].Length + 1 + encoded[i + 1].Length + (i == 0 ? 0 : 1);
            }

            var body = new byte[length];
            var position = 0;
            for (var i = 0; i < encoded.Count; i += 2)
            {
                if (position > 0)
                {
                    body[position++] = (byte)'&';
                }

                Buffer.BlockCopy(encoded[i], 0, body, position, encoded[i].Length);
                position += encoded[i].Length;
                body[position++] = (byte)'=';
                Buffer.BlockCopy(encoded[i + 1], 0, body, position, encoded[i + 1].Length);
                position += encoded[i + 1].Length;
            }

            return body;
        }

        private static byte[] Encode(char[] chars)
        {
            var utf8 = Encoding.UTF8.GetBytes(chars);
            try
            {
                var length = 0;
                foreach (var b in utf8)
                {
                    length += IsUnreserved(b) ? 1 : 3;
                }

                var result = new byte[length];
                var position = 0;
                foreach (var b in utf8)
                {
                    if (IsUnreserved(b))
                    {
                        result[position++] = b;
                    }
                    else
                    {
                        result[position++] = (byte)'%';
                        result[position++] = Hex(b >> 4);
                        result[position++] = Hex(b & 0xF);
                    }
                }

                return result;
            }
            finally
            {
                Array.Clear(utf8, 0, utf8.Length);
            }
        }

        private static bool IsUnreserved(byte b) =>
            (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'0' && b <= (byte)'9') ||
            b == (byte)'-' || b == (byte)'.' || b == (byte)'_' || b == (byte)'~';

        private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
    }

    /// <summary>Cleans text that came from a server before it goes into a message: no token or secret, no line breaks, bounded length.</summary>
    internal static class Redaction
    {
        public const string Redacted = "[redacted]";

        private static readonly Regex JwtLike = new Regex(@"eyJ[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant);
        private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant);

        /// <summary>Collapses whitespace, removes JWT-looking text and each given secret, and truncates.</summary>
        public static string Clean(string text, int maxLength, string? secret = null, params SecureString?[] secrets)
        {
            var result = Whitespace.Replace(text, " ").Trim();
            if (!string.IsNullOrEmpty(secret) && secret!.Length >= 4)
            {
                result = result.Replace(secret, Redacted);
            }

            foreach (var secure in secrets)
            {
                if (secure != null && secure.Length >= 4)
                {
                    result = RemoveChars(result, secure);
                }
            }

            result = JwtLike.Replace(result, Redacted);
            return result.Length <= maxLength ? result : result.Substring(0, maxLength).TrimEnd() + "...";
        }

        private static string RemoveChars(string text, SecureString secure)
        {
            var secret = SecureStrings.ToChars(secure);
            try
            {
                StringBuilder? builder = null;
                var last = 0;
                for (var i = 0; i + secret.Length <= text.Length; i++)
                {
                    var match = true;
                    for (var j = 0; j < secret.Length && match; j++)
                    {
                        match = text[i + j] == secret[j];
                    }

                    if (match)
                    {
                        builder ??= new StringBuilder(text.Length);
                        builder.Append(text, last, i - last).Append(Redacted);
                        i += secret.Length - 1;
                        last = i + 1;
                    }
                }

                return builder == null ? text : builder.Append(text, last, text.Length - last).ToString();
            }
            finally
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }
    }
}
