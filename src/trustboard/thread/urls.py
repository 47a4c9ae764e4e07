from django.urls import path

from trustboard.thread import views

app_name = "thread"
urlpatterns = [
    path("<slug:slug>/", views.plan_thread, name="plan-thread"),
    path("<slug:slug>/priorities/<int:number>/", views.priority_thread, name="priority"),
    path("<slug:slug>/priorities/<int:number>/<slug:kind>/", views.priority_thread,
         name="cell"),
]
