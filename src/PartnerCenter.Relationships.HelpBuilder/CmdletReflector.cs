using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace PartnerCenter.Relationships.HelpBuilder
{
    /// <summary>What the code says about a cmdlet: everything in its help that is not prose.</summary>
    internal sealed record CmdletModel(
        string Name,
        string Verb,
        string Noun,
        IReadOnlyList<ParameterModel> Parameters,
        IReadOnlyList<string> ParameterSets,
        IReadOnlyList<string> OutputTypes);

    internal sealed record ParameterModel(
        string Name,
        Type Type,
        IReadOnlyList<string> Aliases,
        bool SupportsWildcards,
        IReadOnlyList<string> AcceptedValues,
        string DefaultValue,
        IReadOnlyList<ParameterSetModel> Sets,
        string? StandardDescription)
    {
        public bool IsSwitch => Type == typeof(SwitchParameter);

        /// <summary>In the PARAMETERS section, a parameter is required when some parameter set requires it, as platyPS has it.</summary>
        public bool IsRequired => Sets.Any(s => s.Mandatory);

        public string Position => Sets.FirstOrDefault(s => s.Position != null)?.Position?.ToString(CultureInfo.InvariantCulture) ?? "named";

        public string PipelineInput
        {
            get
            {
                var ways = new List<string>();
                if (Sets.Any(s => s.ByValue))
                {
                    ways.Add("ByValue");
                }

                if (Sets.Any(s => s.ByPropertyName))
                {
                    ways.Add("ByPropertyName");
                }

                return ways.Count == 0 ? "False" : $"True ({string.Join(", ", ways)})";
            }
        }

        public ParameterSetModel? In(string set) =>
            Sets.FirstOrDefault(s => s.Name == set) ?? Sets.FirstOrDefault(s => s.Name == ParameterAttribute.AllParameterSets);
    }

    internal sealed record ParameterSetModel(string Name, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

    /// <summary>Reads the cmdlets of an assembly through their attributes, as PowerShell itself binds them.</summary>
    internal static class CmdletReflector
    {
        public static IReadOnlyList<CmdletModel> Reflect(Assembly assembly) =>
            assembly.GetExportedTypes()
                .Where(t => t.IsClass && !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null)
                .Select(Reflect)
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();

        private static CmdletModel Reflect(Type type)
        {
            var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
            var defaults = TryCreate(type);
            var parameters = PublicPropertiesBaseFirst(type)
                .Select(p => (Property: p, Attributes: p.GetCustomAttributes<ParameterAttribute>().ToList()))
                .Where(p => p.Attributes.Count > 0)
                .Select(p => Parameter(p.Property, p.Attributes, defaults))
                .ToList();
            if (cmdlet.SupportsShouldProcess)
            {
                // As PowerShell's own help has it: -WhatIf and -Confirm are shown with the cmdlet, the other common parameters are not.
                parameters.Add(CommonSwitch("WhatIf", "wi", "Shows what would happen if the cmdlet runs. The cmdlet is not run."));
                parameters.Add(CommonSwitch("Confirm", "cf", "Prompts you for confirmation before running the cmdlet."));
            }

            var outputs = type.GetCustomAttributes<OutputTypeAttribute>()
                .SelectMany(a => a.Type)
                .Select(t => t.Type == typeof(void) || t.Name == typeof(void).FullName ? "None" : t.Type?.FullName ?? t.Name)
                .Distinct()
                .ToList();
            return new CmdletModel($"{cmdlet.VerbName}-{cmdlet.NounName}", cmdlet.VerbName, cmdlet.NounName, parameters,
                ParameterSets(parameters, cmdlet.DefaultParameterSetName), outputs);
        }

        /// <summary>The named parameter sets, the default one first; a cmdlet that names none has the one set of all parameters.</summary>
        private static List<string> ParameterSets(IEnumerable<ParameterModel> parameters, string? defaultSet)
        {
            var named = parameters.SelectMany(p => p.Sets).Select(s => s.Name)
                .Where(n => n != ParameterAttribute.AllParameterSets)
                .Distinct()
                .ToList();
            if (!string.IsNullOrEmpty(defaultSet) && !named.Contains(defaultSet!))
            {
                named.Insert(0, defaultSet!); // A default set without parameters of its own, as Get-PartnerCustomer's "All".
            }

            if (named.Count == 0)
            {
                return new List<string> { ParameterAttribute.AllParameterSets };
            }

            return named.OrderBy(n => n == defaultSet ? 0 : 1).ToList();
        }

        private static ParameterModel Parameter(PropertyInfo property, List<ParameterAttribute> attributes, object? defaults)
        {
            var aliases = property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToList();
            var accepted = property.GetCustomAttributes<ValidateSetAttribute>().SelectMany(a => a.ValidValues).ToList();
            var sets = attributes.Select(a => new ParameterSetModel(
                    string.IsNullOrEmpty(a.ParameterSetName) ? ParameterAttribute.AllParameterSets : a.ParameterSetName,
                    a.Mandatory,
                    a.Position == int.MinValue ? null : a.Position,
                    a.ValueFromPipeline,
                    a.ValueFromPipelineByPropertyName))
                .ToList();
            return new ParameterModel(property.Name, property.PropertyType, aliases, property.GetCustomAttribute<SupportsWildcardsAttribute>() != null,
                accepted, DefaultValue(property, defaults), sets, StandardDescription: null);
        }

        private static ParameterModel CommonSwitch(string name, string alias, string description) =>
            new(name, typeof(SwitchParameter), new[] { alias }, false, Array.Empty<string>(), "False",
                new[] { new ParameterSetModel(ParameterAttribute.AllParameterSets, false, null, false, false) }, description);

        /// <summary>Base class properties first, each class's in declaration order, so shared parameters read the same everywhere.</summary>
        private static IEnumerable<PropertyInfo> PublicPropertiesBaseFirst(Type type)
        {
            var chain = new Stack<Type>();
            for (var t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                chain.Push(t);
            }

            return chain.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .OrderBy(p => p.MetadataToken));
        }

        /// <summary>A new instance holds each parameter's default; a cmdlet that cannot be created simply shows none.</summary>
        private static object? TryCreate(Type type)
        {
            try
            {
                return Activator.CreateInstance(type);
            }
            catch (Exception ex) when (ex is MissingMethodException || ex is TargetInvocationException || ex is MemberAccessException)
            {
                return null;
            }
        }

        private static string DefaultValue(PropertyInfo property, object? instance)
        {
            if (property.PropertyType == typeof(SwitchParameter))
            {
                return "False";
            }

            var value = instance == null || property.GetMethod == null ? null : property.GetValue(instance);
            return value switch
            {
                null => "None",
                string s when s.Length == 0 => "None",
                Guid g when g == Guid.Empty => "None",
                ICollection c when c.Count == 0 => "None",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "None",
            };
        }
    }
}
