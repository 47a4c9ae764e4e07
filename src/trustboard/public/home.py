"""The home page (the partnership at a glance, or a signed-in person's own work), the
accessibility statement, sitemap.xml and robots.txt."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from trustboard.public.selectors_home import home_page, sitemap_paths, your_work


def home(request):
    """For the public, what the partnership is and how it is doing; signed in, "your work"."""
    today = timezone.localdate()
    if request.user.is_authenticated:
        return render(request, "public/home/your_work.html",
                      {"work": your_work(user=request.user, today=today)})
    return render(request, "public/home/home.html",
                  {"page": home_page(today=today)})


def accessibility(request):
    """The statement the Public Sector Bodies Accessibility Regulations 2018 require (GOV.UK's
    model statement), with the partnership's contact address when one is set."""
    return render(request, "public/home/accessibility.html",
                  {"contact_email": settings.TRUSTBOARD_CONTACT_EMAIL})


def sitemap(request):
    """The sitemaps.org protocol: each public page's absolute address."""
    urls = [request.build_absolute_uri(path) for path in sitemap_paths()]
    return render(request, "public/home/sitemap.xml", {"urls": urls},
                  content_type="application/xml; charset=utf-8")


def robots(request):
    return render(request, "public/home/robots.txt",
                  {"sitemap": request.build_absolute_uri(reverse("public:sitemap"))},
                  content_type="text/plain; charset=utf-8")
