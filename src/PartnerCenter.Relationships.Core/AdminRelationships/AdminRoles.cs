using System;
using System.Collections.Generic;
using System.Linq;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.AdminRelationships
{
    /// <summary>
    /// The Microsoft Entra built-in roles a GDAP relationship can grant, by role template id (Graph's
    /// roleDefinitionId). Graph gives only the ids; names are shown where this table knows them, the id otherwise.
    /// Source: Microsoft Entra "built-in roles" reference.
    /// </summary>
    public static class AdminRoles
    {
        private static readonly (string Name, string Id)[] Known =
        {
            ("Global Administrator", "62e90394-69f5-4237-9190-012177145e10"),
            ("Global Reader", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"),
            ("User Administrator", "fe930be7-5e62-47db-91af-98c3a49a38b1"),
            ("Helpdesk Administrator", "729827e3-9c14-49f7-bb1b-9608f156bbb8"),
            ("Password Administrator", "966707d0-3269-4727-9be2-8c3a10f19b9d"),
            ("Groups Administrator", "fdd7a751-b60b-444a-984c-02652fe8fa1c"),
            ("License Administrator", "4d6ac14f-3453-41d0-bef9-a3e0c569773a"),
            ("Billing Administrator", "b0f54661-2d74-4c50-afa3-1ec803f12efe"),
            ("Exchange Administrator", "29232cdf-9323-42fd-ade2-1d097af3e4de"),
            ("SharePoint Administrator", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c"),
            ("Teams Administrator", "69091246-20e8-4a56-aa4d-066075b2a7a8"),
            ("Intune Administrator", "3a2c62db-5318-420d-8d74-23affee5d9d5"),
            ("Security Administrator", "194ae4cb-b126-40b2-bd5b-6091b380977d"),
            ("Security Reader", "5d6b6bb7-de71-4623-b4af-96380a352509"),
            ("Compliance Administrator", "17315797-102d-40b4-93e0-432062caca18"),
            ("Application Administrator", "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"),
            ("Cloud Application Administrator", "158c047a-c907-4556-b7ef-446551a6b5f7"),
            ("Authentication Administrator", "c4e39bd9-1100-46d3-8c65-fb160da0071f"),
            ("Privileged Role Administrator", "e8611ab8-c189-46e8-94e1-60213ab1f814"),
            ("Conditional Access Administrator", "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9"),
            ("Service Support Administrator", "f023fd81-a637-4b56-95fd-791ac0226033"),
            ("Reports Reader", "4a5d8f65-41da-4de4-8968-e035b65339cf"),
            ("Directory Readers", "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"),
        };

        /// <summary>The role names this table knows, for tab completion.</summary>
        public static IReadOnlyList<string> Names { get; } = Known.Select(r => r.Name).ToArray();

        /// <summary>The role's name where known, else the id as given.</summary>
        public static string NameOf(string roleDefinitionId)
        {
            var id = (roleDefinitionId ?? string.Empty).Trim();
            foreach (var role in Known)
            {
                if (string.Equals(role.Id, id, StringComparison.OrdinalIgnoreCase))
                {
                    return role.Name;
                }
            }

            return id;
        }

        /// <summary>A role given by name (any casing) or by template id; anything else is InvalidArgument naming the known names.</summary>
        public static string IdOf(string nameOrId)
        {
            var text = (nameOrId ?? string.Empty).Trim();
            if (Guid.TryParse(text, out var id))
            {
                return id.ToString();
            }

            foreach (var role in Known)
            {
                if (string.Equals(role.Name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return role.Id;
                }
            }

            throw PartnerErrors.InvalidArgument("-Roles", nameOrId, "give a role template id (a GUID) or one of: " + string.Join(", ", Names) + ".");
        }
    }
}
