using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using PartnerCenter.Relationships.Core.Backends;
using PartnerCenter.Relationships.Core.Errors;

namespace PartnerCenter.Relationships.Core.Store
{
    // Plumbing: prepared commands, streaming readers, SQLite failures named as the module's errors, and operations (transactions).
    public sealed partial class SqlitePartnerStore
    {
        /// <summary>
        /// A prepared command per statement text, reused with its parameters: SQLite then parses each statement once
        /// per connection. Every call site passes the same parameters in the same order for the same text.
        /// </summary>
        private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, _) in parameters)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }

                _commands[sql] = command;
            }

            command.Transaction = _transaction;
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }

            return command;
        }

        private int Execute(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteNonQuery();

        private void ExecuteNonQuery(string sql) => Command(sql, Array.Empty<(string, object?)>()).ExecuteNonQuery();

        private object? ExecuteScalar(string sql) => Command(sql, Array.Empty<(string, object?)>()).ExecuteScalar();

        private SqliteDataReader Reader(string sql, params (string Name, object? Value)[] parameters) => Command(sql, parameters).ExecuteReader();

        /// <summary>Rows streamed one by one, with SQLite failures translated as they surface mid-stream.</summary>
        private IEnumerable<T> Stream<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
        {
            // A streaming reader gets a command of its own: the cached one may be needed while this one is still open.
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            using var reader = Guard(() => command.ExecuteReader());
            while (Guard(() => reader.Read()))
            {
                yield return read(reader);
            }
        }

        private T Guard<T>(Func<T> action)
        {
            try
            {
                return action();
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, Path);
            }
        }

        private static PartnerException Translate(SqliteException ex, string path) => ex.SqliteErrorCode switch
        {
            8 => PartnerErrors.StoreReadOnly(path, ex),                  // SQLITE_READONLY
            11 or 26 => PartnerErrors.StoreCorrupt(path, ex),             // SQLITE_CORRUPT, SQLITE_NOTADB
            // SQLITE_CANTOPEN: SQLite says "unable to open database file" for a file it cannot open for writing too.
            14 when File.Exists(path) && !CanOpenForWriting(path) => PartnerErrors.StoreReadOnly(path, ex),
            // SQLITE_ERROR from the schema check: a table or column of the store is missing.
            1 when ex.Message.IndexOf("no such", StringComparison.OrdinalIgnoreCase) >= 0 => PartnerErrors.StoreCorrupt(path, ex),
            _ => PartnerErrors.StoreUnavailable(path, ex),
        };

        /// <summary>Asked only once SQLite has failed: a read-only file system or file refuses a writer.</summary>
        private static bool CanOpenForWriting(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>
        /// Changes the real service cannot undo (a cancellation, a GDAP termination, legacy DAP turned off) made inside
        /// the open operation, each as the write that makes it again once the operation is rolled back.
        /// </summary>
        private readonly List<Action> _permanentChanges = new List<Action>();

        /// <summary>Outside an operation there is nothing to roll back, so nothing to make again.</summary>
        private void KeepAfterUndo(Action writeAgain)
        {
            if (_transaction != null)
            {
                _permanentChanges.Add(writeAgain);
            }
        }

        private static void Replay(IEnumerable<Action> permanent)
        {
            foreach (var writeAgain in permanent)
            {
                writeAgain();
            }
        }

        private sealed class StoreOperation : IPartnerOperation
        {
            private readonly SqlitePartnerStore _store;
            private bool _done;

            public StoreOperation(SqlitePartnerStore store) => _store = store;

            /// <summary>
            /// A transaction undoes everything or nothing: rolled back now, the cause is the whole story, except for
            /// changes the real service cannot undo (a cancellation, a GDAP termination, legacy DAP turned off), which
            /// are made again as it would have kept them.
            /// </summary>
            public PartnerException Undo(PartnerException cause)
            {
                Dispose();
                return cause;
            }

            public void Complete()
            {
                _store.Guard(() =>
                {
                    _store._transaction!.Commit();
                    return 0;
                });
                Finish();
            }

            public void Dispose()
            {
                if (!_done)
                {
                    var permanent = _store._permanentChanges.ToArray();
                    try
                    {
                        _store._transaction?.Rollback();
                    }
                    finally
                    {
                        Finish();
                    }

                    Replay(permanent);
                }
            }

            private void Finish()
            {
                _done = true;
                _store._permanentChanges.Clear();
                _store._transaction?.Dispose();
                _store._transaction = null;
            }
        }

        /// <summary>An operation inside another: the outer one decides whether everything is kept.</summary>
        private sealed class NestedOperation : IPartnerOperation
        {
            public static readonly NestedOperation Instance = new NestedOperation();

            public void Complete()
            {
            }

            public PartnerException Undo(PartnerException cause) => cause;

            public void Dispose()
            {
            }
        }
    }
}
