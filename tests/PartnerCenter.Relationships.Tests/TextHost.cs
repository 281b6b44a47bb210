using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace PartnerCenter.Relationships.Tests
{
    /// <summary>
    /// A host that records what PowerShell would show at the prompt: Out-Default's formatted text, and every
    /// confirmation prompt, answered with a fixed choice. It lets tests see format views and ShouldProcess prompts.
    /// </summary>
    public sealed class TextHost : PSHost
    {
        private readonly TextHostUserInterface _ui;

        /// <param name="confirmAnswers">The hot key answering each prompt in turn ("Y", "N", ...); the last one repeats.</param>
        public TextHost(int width = 160, params string[] confirmAnswers) =>
            _ui = new TextHostUserInterface(width, confirmAnswers.Length == 0 ? new[] { "N" } : confirmAnswers);

        /// <summary>What was written, without the ANSI colour sequences PowerShell adds to table headers.</summary>
        public string Text => System.Text.RegularExpressions.Regex.Replace(_ui.Text.ToString(), "\x1b\\[[0-9;]*m", string.Empty);

        public IReadOnlyList<string> Prompts => _ui.Prompts;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override string Name => nameof(TextHost);

        public override PSHostUserInterface UI => _ui;

        public override Version Version => new(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException();

        public override void ExitNestedPrompt() => throw new NotSupportedException();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode)
        {
        }

        private sealed class TextHostUserInterface : PSHostUserInterface
        {
            private readonly string[] _confirmAnswers;

            public TextHostUserInterface(int width, string[] confirmAnswers)
            {
                _confirmAnswers = confirmAnswers;
                RawUI = new TextHostRawUserInterface(width);
            }

            public StringBuilder Text { get; } = new();

            public List<string> Prompts { get; } = new();

            public override PSHostRawUserInterface RawUI { get; }

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                var answer = _confirmAnswers[Math.Min(Prompts.Count, _confirmAnswers.Length - 1)];
                Prompts.Add(message);
                for (var i = 0; i < choices.Count; i++)
                {
                    // Answer as a person would: by the choice's hot key, the letter after '&' ("&Yes", "&No").
                    var label = choices[i].Label;
                    var hotKey = label.IndexOf('&', StringComparison.Ordinal);
                    if (hotKey >= 0 && hotKey + 1 < label.Length && string.Equals(label.Substring(hotKey + 1, 1), answer, StringComparison.OrdinalIgnoreCase))
                    {
                        return i;
                    }
                }

                return defaultChoice;
            }

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException(message);

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

            public override string ReadLine() => string.Empty;

            public override SecureString ReadLineAsSecureString() => new();

            public override void Write(string value) => Text.Append(value);

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Text.Append(value);

            public override void WriteLine(string value) => Text.Append(value).Append('\n');

            public override void WriteErrorLine(string value) => Text.Append(value).Append('\n');

            public override void WriteDebugLine(string message) => Text.Append("DEBUG: ").Append(message).Append('\n');

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
            }

            public override void WriteVerboseLine(string message) => Text.Append("VERBOSE: ").Append(message).Append('\n');

            public override void WriteWarningLine(string message) => Text.Append("WARNING: ").Append(message).Append('\n');
        }

        private sealed class TextHostRawUserInterface : PSHostRawUserInterface
        {
            public TextHostRawUserInterface(int width)
            {
                BufferSize = new Size(width, 9999);
                WindowSize = new Size(width, 50);
                MaxWindowSize = WindowSize;
                MaxPhysicalWindowSize = WindowSize;
            }

            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

            public override Size BufferSize { get; set; }

            public override Coordinates CursorPosition { get; set; }

            public override int CursorSize { get; set; }

            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;

            public override bool KeyAvailable => false;

            public override Size MaxPhysicalWindowSize { get; }

            public override Size MaxWindowSize { get; }

            public override Coordinates WindowPosition { get; set; }

            public override Size WindowSize { get; set; }

            public override string WindowTitle { get; set; } = string.Empty;

            public override void FlushInputBuffer()
            {
            }

            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

            public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
        }
    }
}
