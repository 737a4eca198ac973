// Pages whose templates name their chrome in another language than English: German
// "kommentare", Spanish "noticias-relacionadas" and "publicidad". Readers' comments kept as
// article text become claims, and every new comment a change; the class names are what tell
// them from the article where no heading does.
#include <doctest/doctest.h>

#include <string>

#include "tracker/extract/class_hints.h"
#include "tracker/extract/extractor.h"

using namespace tracker::extract;

namespace {

// A regional German report, then readers' comments under a class name only: no heading says
// "Kommentare", and each comment is as long as a paragraph of the report.
constexpr const char* k_german_report =
    "<html lang=\"de\"><head><title>Hochwasser in Passau</title></head><body>"
    "<div id=\"inhalt\"><div class=\"beitrag\"><h1>Hochwasser in Passau: Pegel steigt weiter</h1>"
    "<p>Der Pegel der Donau in Passau ist in der Nacht auf über neun Meter gestiegen. Die Stadt "
    "hat "
    "den Katastrophenfall ausgerufen, rund 2.000 Menschen mussten ihre Wohnungen verlassen.</p>"
    "<p>Nach Angaben der Feuerwehr sind mehr als 400 Einsatzkräfte im Einsatz. Die Altstadt ist "
    "für "
    "den Verkehr gesperrt, mehrere Schulen bleiben geschlossen.</p>"
    "<p>Die Bundeswehr hat Unterstützung zugesagt. Am Nachmittag sollen weitere Sandsäcke aus "
    "Regensburg eintreffen, teilte das Landratsamt mit.</p>"
    "<p>\"Wir rechnen damit, dass der Scheitel erst am Mittwoch erreicht wird\", sagte der "
    "Oberbürgermeister am Morgen.</p></div>"
    "<div class=\"kommentare\">"
    "<div class=\"kommentar-eintrag\"><p>Das ist doch jedes Jahr dasselbe. Warum wird nicht "
    "endlich "
    "mehr in den Hochwasserschutz investiert? Seit 2013 hat sich kaum etwas getan, und die "
    "Anwohner "
    "müssen es wieder ausbaden.</p></div>"
    "<div class=\"kommentar-eintrag\"><p>Vielen Dank an alle Helfer und die Feuerwehr! Ihr macht "
    "einen großartigen Job, und wir in der Innstadt sind euch sehr dankbar für euren "
    "Einsatz.</p></div>"
    "<div class=\"kommentar-eintrag\"><p>Meine Eltern wohnen in der Ilzstadt, dort steht das "
    "Wasser "
    "schon im Erdgeschoss. Hoffentlich kommt nicht noch mehr Regen, sonst wird es "
    "schlimmer.</p></div>"
    "</div></div></body></html>";

}  // namespace

TEST_CASE("German readers' comments named only by their class are no article text") {
  const auto article = extract_article(k_german_report);
  REQUIRE(article);
  const std::string text = article->text();
  CHECK(text.find("Der Pegel der Donau") != std::string::npos);
  CHECK(text.find("sagte der Oberbürgermeister") != std::string::npos);
  CHECK(text.find("Hochwasserschutz") == std::string::npos);
  CHECK(text.find("Vielen Dank an alle Helfer") == std::string::npos);
  CHECK(text.find("Ilzstadt") == std::string::npos);
}

TEST_CASE("a German opinion piece, a 'Kommentar', is the article") {
  std::string page = k_german_report;
  // The report becomes the opinion piece: German news calls one a Kommentar, in the singular.
  page.replace(page.find("<div class=\"beitrag\">"), 21, "<div class=\"kommentar\">");
  const auto article = extract_article(page);
  REQUIRE(article);
  const std::string text = article->text();
  CHECK(text.find("Der Pegel der Donau") != std::string::npos);
  CHECK(text.find("Hochwasserschutz") == std::string::npos);
}

TEST_CASE("Spanish related stories, advertising and comments inside the article are left out") {
  const std::string page =
      "<html lang=\"es\"><head><title>Incendio en Valparaíso</title></head><body><article>"
      "<h1>Incendio en Valparaíso deja cientos de damnificados</h1>"
      "<p>Un incendio forestal que comenzó el viernes en los cerros de Valparaíso ha destruido al "
      "menos 120 viviendas, según informó el sábado la Oficina Nacional de Emergencia.</p>"
      "<div class=\"publicidad\"><p>Descubre las mejores ofertas de verano en nuestra tienda y "
      "ahorra hasta un 40 por ciento en toda la colección de temporada.</p></div>"
      "<p>Más de 300 bomberos trabajan en la zona, apoyados por cuatro helicópteros y dos aviones "
      "cisterna, y las autoridades evacuaron a unas 2.000 personas.</p>"
      "<div class=\"noticias-relacionadas\"><h3>Noticias relacionadas</h3><ul>"
      "<li><a href=\"/a\">El gobierno declara zona de catástrofe en tres comunas de la "
      "región</a></li>"
      "<li><a href=\"/b\">Cómo ayudar a las familias afectadas por los incendios en la "
      "costa</a></li>"
      "</ul></div>"
      "<p>El alcalde pidió a los vecinos no regresar a sus casas hasta que los equipos de "
      "emergencia confirmen que el fuego está controlado en todos los sectores.</p>"
      "<section class=\"comentarios\"><p>Qué tristeza, otra vez lo mismo cada verano. Las "
      "autoridades "
      "deberían prevenir estos incendios en lugar de reaccionar cuando ya es tarde para todos.</p>"
      "</section></article></body></html>";
  const auto article = extract_article(page);
  REQUIRE(article);
  const std::string text = article->text();
  CHECK(text.find("ha destruido al menos 120 viviendas") != std::string::npos);
  CHECK(text.find("Más de 300 bomberos") != std::string::npos);
  CHECK(text.find("El alcalde pidió") != std::string::npos);
  CHECK(text.find("ofertas de verano") == std::string::npos);
  CHECK(text.find("zona de catástrofe") == std::string::npos);
  CHECK(text.find("Qué tristeza") == std::string::npos);
}

TEST_CASE("class names of chrome in other languages read as their English ones do") {
  for (const char* comments : {"kommentare", "leserkommentare", "comentarios", "commenti",
                               "commentaires", "reacties", "komentarze", "kommentarer"}) {
    CAPTURE(comments);
    const ClassHints hints = class_hints(comments, "");
    CHECK(hints.comments);
    CHECK(hints.unlikely);
    CHECK(hints.weight < 0);
  }
  // The singular is an opinion piece in German: no comments, no chrome.
  const ClassHints opinion = class_hints("kommentar", "");
  CHECK_FALSE(opinion.comments);
  CHECK_FALSE(opinion.boilerplate);
  for (const char* chrome : {"noticias-relacionadas", "weitere-artikel", "articoli-correlati",
                             "a-lire-aussi", "compartir-redes", "teilen-leiste", "werbung",
                             "anzeige-box", "publicidad", "newsletter-abonnieren"}) {
    CAPTURE(chrome);
    const ClassHints hints = class_hints(chrome, "");
    CHECK(hints.boilerplate);
    CHECK(hints.furniture);
    CHECK_FALSE(hints.comments);
  }
  // Their id alike, and with '_' for '-'.
  CHECK(class_hints("", "noticias_relacionadas").boilerplate);
}
