namespace Valueweb.Matching.Tests;

public sealed class CompanyMatcherTests
{
    private static double Score(string a, string b) => CompanyMatcher.Compare(CompanyDescription.Of(a), CompanyDescription.Of(b)).Score;

    [Theory]
    [InlineData("acme.com", "acme.com")]
    [InlineData("https://www.eu.shop.acme.co.uk/contact?x=1", "acme.co.uk")]
    [InlineData("WWW.Acme.COM.", "acme.com")]
    [InlineData("jane.doe@sales.acme.de", "acme.de")]
    [InlineData("http://acme.com:8080/path", "acme.com")]
    [InlineData("kookaburra.com.au", "kookaburra.com.au")]
    public void Domains_are_reduced_to_the_registrable_domain(string input, string expected) =>
        CompanyMatcher.NormaliseDomain(input).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("not a domain")]
    [InlineData("someone@gmail.com")]
    [InlineData("outlook.com")]
    [InlineData("acme.c0m")]
    public void Free_mail_and_non_domains_identify_no_company(string input) => CompanyMatcher.NormaliseDomain(input).ShouldBeNull();

    [Theory]
    [InlineData("The ACME, Inc.", "acme")]
    [InlineData("Müller & Söhne GmbH & Co. KG", "muller and sohne")]
    [InlineData("Straße Bau AG", "strasse bau")]
    [InlineData("Société Générale S.A.", "societe generale")]
    [InlineData("Nordlicht A/S", "nordlicht")]
    [InlineData("Unilever Public Limited Company", "unilever")]
    public void Names_are_normalised(string input, string expected) => CompanyMatcher.NormaliseName(input).ShouldBe(expected);

    [Theory]
    [InlineData("American Airlines", "American Express")]
    [InlineData("General Motors", "General Mills")]
    [InlineData("Siemens", "Siemens Energy")]
    [InlineData("Bank of America", "Bank of Canada")]
    [InlineData("Delta Air Lines", "Delta Dental")]
    [InlineData("Acme", "Acme Bank")]
    [InlineData("Apple", "Applied Materials")]
    [InlineData("Ford", "Oxford")]
    [InlineData("Mattel", "Martel")]
    [InlineData("GM", "General Motors")]
    public void Similar_but_different_companies_do_not_match(string a, string b)
    {
        Score(a, b).ShouldBeLessThan(CompanyMatcher.LowestThreshold);
        Score(b, a).ShouldBeLessThan(CompanyMatcher.LowestThreshold);
    }

    [Theory]
    [InlineData("ACME Corp.", "Acme Corporation", MatchBasis.SameName)]
    [InlineData("Acme", "Acme Group", MatchBasis.SameName)]
    [InlineData("Procter and Gamble", "Procter & Gamble Co.", MatchBasis.SameName)]
    [InlineData("Energie Nordlicht", "Nordlicht Energie GmbH", MatchBasis.WordOrder)]
    [InlineData("Microsfot", "Microsoft Corporation", MatchBasis.SimilarName)]
    [InlineData("IBM", "International Business Machines Corporation", MatchBasis.Acronym)]
    [InlineData("International Business Machines", "IBM Corp.", MatchBasis.Acronym)]
    public void The_same_company_written_differently_matches_with_its_basis(string a, string b, MatchBasis basis)
    {
        var m = CompanyMatcher.Compare(CompanyDescription.Of(a), CompanyDescription.Of(b));
        m.Score.ShouldBeGreaterThanOrEqualTo(CompanyMatcher.DefaultThreshold);
        m.Basis.ShouldBe(basis);
        CompanyMatcher.BlockingKeys(CompanyDescription.Of(a)).Intersect(CompanyMatcher.BlockingKeys(CompanyDescription.Of(b))).ShouldNotBeEmpty();
    }

    [Fact]
    public void Domains_match_whatever_the_names_and_aliases_count()
    {
        CompanyMatcher.Compare(CompanyDescription.Of("Purchasing", "j.doe@acme.com"), CompanyDescription.Of("Totally Other Name", "www.acme.com")).Basis.ShouldBe(MatchBasis.Domain);
        CompanyMatcher.Compare(CompanyDescription.Of("Acme", "a@gmail.com"), CompanyDescription.Of("Zenith", "b@gmail.com")).Score.ShouldBe(0);
        var meta = new CompanyDescription("Meta Platforms, Inc.", [], ["Facebook"]);
        var m = CompanyMatcher.Compare(CompanyDescription.Of("Facebook Inc."), meta);
        m.Basis.ShouldBe(MatchBasis.OtherName);
        m.Score.ShouldBeGreaterThanOrEqualTo(CompanyMatcher.DefaultThreshold);
        CompanyMatcher.BlockingKeys(CompanyDescription.Of("Facebook Inc.")).Intersect(CompanyMatcher.BlockingKeys(meta)).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("Acme Corp", "ACME Corporation Holdings")]
    [InlineData("Microsfot", "Microsoft Corporation")]
    [InlineData("IBM", "International Business Machines")]
    [InlineData("Facebook", "Meta Platforms")]
    [InlineData("Energie Nordlicht", "Nordlicht Energie")]
    public void A_reason_quotes_only_what_the_caller_sent(string query, string candidate)
    {
        var m = CompanyMatcher.Compare(CompanyDescription.Of(query), new CompanyDescription(candidate, ["secret-domain.example"], ["Facebook", "Secret Brand"]));
        m.Score.ShouldBeGreaterThan(0);
        m.Reason.ShouldContain(query);
        m.Reason.ShouldNotContain(candidate, Case.Insensitive);
        m.Reason.ShouldNotContain("secret", Case.Insensitive);
    }

    [Fact]
    public void Keys_are_stable_across_processes_and_versions()
    {
        // Keys are stored in the database: a change of hashing or normalisation must come with a re-keying migration.
        CompanyMatcher.BlockingKeys(CompanyDescription.Of("Acme", "acme.com")).Order().ShouldBe([924411211075747956, 3259143843859909150, 5091219404320442571, 8749419849707993318]);
    }

    [Fact]
    public void A_name_of_generic_words_only_still_has_keys_and_generic_words_alone_are_not_keys()
    {
        var global = CompanyMatcher.BlockingKeys(CompanyDescription.Of("Global Solutions Group"));
        global.ShouldNotBeEmpty();
        var acme = CompanyMatcher.BlockingKeys(CompanyDescription.Of("Acme Group"));
        var zenith = CompanyMatcher.BlockingKeys(CompanyDescription.Of("Zenith Group"));
        acme.Intersect(zenith).ShouldBeEmpty();
    }
}
