using System;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>
    /// An object exactly as the remote service last sent it, as compact UTF-8 JSON, and the etag it came with: what a
    /// change writes back whole, so that it need not be read first. Bytes rather than a parsed tree, because a listing
    /// may keep many thousands. Never changed once made, so copies of an object may share it; a newer answer replaces it.
    /// </summary>
    internal sealed class RemoteResource
    {
        private readonly byte[] _utf8Json;

        public RemoteResource(byte[] utf8Json, string etag)
        {
            _utf8Json = utf8Json ?? throw new ArgumentNullException(nameof(utf8Json));
            ETag = etag ?? throw new ArgumentNullException(nameof(etag));
        }

        /// <summary>Read-only, so that whoever parses it cannot change what the copies share.</summary>
        public ReadOnlySpan<byte> Utf8Json => _utf8Json;

        public string ETag { get; }
    }
}
