using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Emulator;

/// <summary>
/// The $filter the list of GDAP relationships understands: customer/tenantId eq '{guid}' and status eq '{status}',
/// alone or joined by "and" (keywords in any casing). Anything else is refused, so a client cannot believe a filter
/// was applied that was not.
/// </summary>
internal sealed partial class RelationshipFilter
{
    private readonly List<Func<AdminRelationshipState, bool>> _clauses = [];

    private RelationshipFilter(string text) => Text = text;

    public static RelationshipFilter None { get; } = new("");

    /// <summary>The filter as asked, carried in the $skiptoken so later pages keep it.</summary>
    public string Text { get; }

    public bool Matches(AdminRelationshipState relationship) => _clauses.TrueForAll(clause => clause(relationship));

    public static bool TryParse(string text, out RelationshipFilter filter, out string error)
    {
        filter = new RelationshipFilter(text);
        error = "";
        if (text.Trim().Length == 0)
        {
            filter = None;
            return true;
        }

        foreach (var clause in AndKeyword().Split(text.Trim()))
        {
            if (!filter.TryAdd(clause, out error))
            {
                return false;
            }
        }

        return true;
    }

    private bool TryAdd(string clause, out string error)
    {
        error = "";
        var match = Clause().Match(clause);
        if (!match.Success)
        {
            error = $"Invalid filter clause '{clause}': the emulator supports customer/tenantId eq '<guid>' and status eq '<status>', joined by 'and'.";
            return false;
        }

        var value = match.Groups["value"].Value;
        if (match.Groups["field"].Value.StartsWith("status", StringComparison.OrdinalIgnoreCase))
        {
            if (AdminRelationshipRules.Canonical(value) is not { } status)
            {
                error = $"'{value}' is not a delegatedAdminRelationshipStatus.";
                return false;
            }

            _clauses.Add(r => r.Status == status);
            return true;
        }

        if (!Guid.TryParse(value, out var tenantId))
        {
            error = $"'{value}' is not a tenant id (a GUID).";
            return false;
        }

        _clauses.Add(r => r.CustomerTenantId == tenantId);
        return true;
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndKeyword();

    [GeneratedRegex(@"^\s*(?<field>customer/tenantId|status)\s+eq\s+'(?<value>[^']*)'\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Clause();
}

/// <summary>What a list request asks for: a page size, a filter, and where the page starts (null = the first page).</summary>
internal sealed record RelationshipListQuery(int Top, RelationshipFilter Filter, ListPosition? After)
{
    /// <summary>Graph's page when no $top is asked.</summary>
    public const int DefaultTop = 50;

    /// <summary>The largest $top the GDAP list accepts; more is refused, not capped.</summary>
    public const int MaxTop = 300;

    private const string Marker = "gdapemu1";

    /// <summary>Reads $top, $filter and $skiptoken; the token carries the filter and size of the first request.</summary>
    public static bool TryRead(IQueryCollection query, out RelationshipListQuery read, out string error)
    {
        read = new RelationshipListQuery(DefaultTop, RelationshipFilter.None, null);
        error = "";
        if (query.TryGetValue("$skiptoken", out var token))
        {
            if (!TryDecode(token.ToString(), out read))
            {
                error = "The $skiptoken is invalid.";
                return false;
            }
        }
        else if (query.TryGetValue("$filter", out var filterText))
        {
            if (!RelationshipFilter.TryParse(filterText.ToString(), out var filter, out error))
            {
                return false;
            }

            read = read with { Filter = filter };
        }

        return !query.TryGetValue("$top", out var topText) || TryReadTop(topText.ToString(), ref read, out error);
    }

    public static string Encode(int top, RelationshipFilter filter, AdminRelationshipState last)
    {
        var json = new JsonObject
        {
            ["m"] = Marker,
            ["created"] = last.CreatedDateTime.UtcTicks,
            ["id"] = last.Id,
            ["top"] = top,
            ["filter"] = filter.Text,
        };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static bool TryReadTop(string text, ref RelationshipListQuery read, out string error)
    {
        error = "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top < 1 || top > MaxTop)
        {
            error = $"The $top value '{text}' is invalid: it must be between 1 and {MaxTop}.";
            return false;
        }

        read = read with { Top = top };
        return true;
    }

    private static bool TryDecode(string text, out RelationshipListQuery read)
    {
        read = new RelationshipListQuery(DefaultTop, RelationshipFilter.None, null);
        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(text.Trim())) is not JsonObject json
                || json["m"]?.GetValue<string>() != Marker
                || json["created"]?.GetValue<long>() is not { } created
                || json["id"]?.GetValue<string>() is not { } id
                || json["top"]?.GetValue<int>() is not (>= 1 and <= MaxTop and var top)
                || !RelationshipFilter.TryParse(json["filter"]?.GetValue<string>() ?? "", out var filter, out _))
            {
                return false;
            }

            read = new RelationshipListQuery(top, filter, new ListPosition(created, id));
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
