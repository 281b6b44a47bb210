using System.Linq;

namespace PartnerCenter.Relationships.Core.Models
{
    /// <summary>
    /// What a customer's domain must look like: a DNS host name of at least two labels (contoso.onmicrosoft.com), as
    /// Partner Center gives every customer tenant. Internationalized names are written in their xn-- (punycode) form.
    /// </summary>
    public static class DomainName
    {
        private const int MaxLength = 253;
        private const int MaxLabelLength = 63;

        /// <summary>Why <paramref name="domain"/> is not a domain name, or null when it is one.</summary>
        public static string? Problem(string? domain)
        {
            if (string.IsNullOrWhiteSpace(domain))
            {
                return "a customer needs a domain";
            }

            if (domain!.Length > MaxLength)
            {
                return $"a domain name has at most {MaxLength} characters";
            }

            var labels = domain.Split('.');
            if (labels.Length < 2)
            {
                return "a domain name has at least two parts separated by a dot";
            }

            if (labels.Select(LabelProblem).FirstOrDefault(p => p != null) is { } labelProblem)
            {
                return labelProblem;
            }

            return labels[labels.Length - 1].All(char.IsDigit) ? "the last part of a domain name is not a number" : null;
        }

        /// <summary>Why one part between the dots is not a label of a domain name, or null when it is one.</summary>
        private static string? LabelProblem(string label) =>
            label.Length == 0 ? "a domain name has no empty part (no leading, trailing or doubled dot)"
            : label.Length > MaxLabelLength ? $"each part of a domain name has at most {MaxLabelLength} characters"
            : !label.All(IsLetterDigitOrHyphen) ? "a domain name has only letters a-z, digits and hyphens between its dots"
            : label[0] == '-' || label[label.Length - 1] == '-' ? "no part of a domain name starts or ends with a hyphen"
            : null;

        private static bool IsLetterDigitOrHyphen(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }
}
