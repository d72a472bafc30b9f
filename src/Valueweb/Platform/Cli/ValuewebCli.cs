using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Features.Demo;
using Valueweb.Features.Identity;

namespace Valueweb.Platform.Cli;

/// <summary>The command-line verbs of the one executable: serve (default), migrate, seed demo, users create-admin, import leads.</summary>
public static class ValuewebCli
{
    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> buildApp)
    {
        var database = new Option<string?>("--database") { Description = "sqlite or postgres (or VALUEWEB_DATABASE)", Recursive = true };
        var connection = new Option<string?>("--connection") { Description = "connection string (or VALUEWEB_CONNECTION)", Recursive = true };

        var root = new RootCommand("Valueweb — partner relationship management")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(database);
        root.Options.Add(connection);

        var serve = ServeCommand(database, connection, buildApp);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand(database, connection));
        root.Subcommands.Add(SeedCommand(database, connection));
        root.Subcommands.Add(UsersCommand(database, connection));
        root.Subcommands.Add(Features.Leads.Import.LeadImportCommand.Create(parse => Options(parse, database, connection)));
        root.SetAction((parse, ct) => Serve(parse, database, connection, null, null, buildApp));

        var parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }

    private static Command ServeCommand(Option<string?> database, Option<string?> connection, Func<string[], WebApplication> buildApp)
    {
        var urls = new Option<string?>("--urls") { Description = "addresses to listen on (or ASPNETCORE_URLS)" };
        var migrate = new Option<bool>("--migrate") { Description = "apply migrations first (automatic on SQLite)" };
        var noDemo = new Option<bool>("--no-demo") { Description = "do not seed the demo program into a new database" };
        var serve = new Command("serve", "run the web interface and the API (the default)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.Options.Add(urls);
        serve.Options.Add(migrate);
        serve.Options.Add(noDemo);
        serve.SetAction((parse, ct) => Serve(parse, database, connection, urls, (migrate, noDemo), buildApp));
        return serve;
    }

    private static async Task<int> Serve(ParseResult parse, Option<string?> database, Option<string?> connection,
        Option<string?>? urls, (Option<bool> Migrate, Option<bool> NoDemo)? flags, Func<string[], WebApplication> buildApp)
    {
        var webArgs = new List<string>(parse.UnmatchedTokens);
        var engine = parse.GetValue(database);
        if (engine is not null) webArgs.Add($"--Valueweb:Database={ValuewebOptions.ParseEngine(engine)}");
        var conn = parse.GetValue(connection);
        if (conn is not null) webArgs.Add($"--Valueweb:Connection={conn}");
        if (urls is not null && parse.GetValue(urls) is { } u) webArgs.Add($"--urls={u}");
        if (flags is { } f)
        {
            if (parse.GetValue(f.Migrate)) webArgs.Add("--Valueweb:Migrate=true");
            if (parse.GetValue(f.NoDemo)) webArgs.Add("--Valueweb:SeedDemo=false");
        }
        var app = buildApp([.. webArgs]);
        await app.RunAsync();
        return 0;
    }

    private static ValuewebOptions Options(ParseResult parse, Option<string?> database, Option<string?> connection)
    {
        var o = ValuewebOptions.FromEnvironment();
        if (parse.GetValue(database) is { } engine) o.Database = ValuewebOptions.ParseEngine(engine);
        if (parse.GetValue(connection) is { } conn) o.Connection = conn;
        return o;
    }

    private static Command MigrateCommand(Option<string?> database, Option<string?> connection)
    {
        var command = new Command("migrate", "apply the database migrations");
        command.SetAction(async (parse, ct) =>
        {
            var o = Options(parse, database, connection);
            await using var db = DatabaseRegistration.CreateSystemContext(o);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            Console.WriteLine($"Database is up to date ({o.Database}); applied {pending.Count} migration(s).");
            return 0;
        });
        return command;
    }

    private static Command SeedCommand(Option<string?> database, Option<string?> connection)
    {
        var demo = new Command("demo", "seed the demo program into an empty database");
        demo.SetAction(async (parse, ct) =>
        {
            var o = Options(parse, database, connection);
            await using var db = DatabaseRegistration.CreateSystemContext(o);
            await db.Database.MigrateAsync(ct);
            var seeded = await DemoProgram.SeedIfEmptyAsync(db, AccountPasswords.Hasher, TimeProvider.System, ct);
            Console.WriteLine(seeded ? "Demo program seeded." : "The database already holds data: nothing seeded.");
            if (seeded) DemoProgram.PrintSignIns(Console.Out);
            return 0;
        });
        var seed = new Command("seed", "put data into the database") { demo };
        return seed;
    }

    private static Command UsersCommand(Option<string?> database, Option<string?> connection)
    {
        var email = new Option<string>("--email") { Description = "the administrator's e-mail", Required = true };
        var name = new Option<string>("--name") { Description = "the administrator's name", DefaultValueFactory = _ => "Administrator" };
        var password = new Option<string?>("--password") { Description = "a password (or VALUEWEB_ADMIN_PASSWORD); generated when absent" };
        var createAdmin = new Command("create-admin", "create a vendor administrator who can sign in");
        createAdmin.Options.Add(email);
        createAdmin.Options.Add(name);
        createAdmin.Options.Add(password);
        createAdmin.SetAction(async (parse, ct) =>
        {
            var o = Options(parse, database, connection);
            await using var db = DatabaseRegistration.CreateSystemContext(o);
            await db.Database.MigrateAsync(ct);
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("VALUEWEB_ADMIN_PASSWORD");
            var generated = secret is null;
            secret ??= AccountPasswords.Generate();
            var result = await VendorAdmins.CreateAsync(db, parse.GetValue(email)!, parse.GetValue(name)!, secret, TimeProvider.System, ct);
            if (result is not null)
            {
                Console.Error.WriteLine(result);
                return 1;
            }
            Console.WriteLine($"Vendor administrator {parse.GetValue(email)} created.");
            if (generated) Console.WriteLine($"Password (shown once): {secret}");
            return 0;
        });
        return new Command("users", "manage people who can sign in") { createAdmin };
    }
}
